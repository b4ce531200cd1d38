// The review queue by keyboard: j/k move between items; a approves, d dismisses flags, s deletes as spam,
// r goes to the reason for rejecting, e opens edit-and-approve. Keys do nothing while typing in a field.
(function () {
  var items = Array.prototype.slice.call(document.querySelectorAll('[data-review-item]'));
  if (!items.length) { return; }
  var current = 0;
  function focusItem(i) {
    current = Math.max(0, Math.min(items.length - 1, i));
    items[current].focus();
    items[current].scrollIntoView({block: 'nearest'});
  }
  items.forEach(function (item, i) { item.addEventListener('focusin', function () { current = i; }); });
  document.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) { return; }
    var tag = (e.target.tagName || '').toLowerCase();
    if (tag === 'input' || tag === 'textarea' || tag === 'select' || e.target.isContentEditable) { return; }
    var item = items[current];
    var target;
    switch (e.key) {
      case 'j': focusItem(current + 1); e.preventDefault(); return;
      case 'k': focusItem(current - 1); e.preventDefault(); return;
      case 'a': case 'd': case 's':
        target = item.querySelector('button[data-key="' + e.key + '"]');
        if (target) { e.preventDefault(); target.click(); }
        return;
      case 'r':
        target = item.querySelector('input[data-key="r"]');
        if (target) { e.preventDefault(); target.focus(); }
        return;
      case 'e':
        target = item.querySelector('details.review-edit');
        if (target) { e.preventDefault(); target.open = true; target.querySelector('textarea').focus(); }
        return;
    }
  });
  focusItem(0);
})();
