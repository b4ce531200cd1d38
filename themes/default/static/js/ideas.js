// Similar ideas while a new idea's title is typed: asks /ideas/similar and lists what it finds.
(function () {
  var form = document.querySelector('form[data-similar-ideas]');
  if (!form || !window.fetch) { return; }
  var title = form.querySelector('#title');
  var box = document.getElementById('similar-ideas');
  var timer = null;
  var last = '';
  function show(html) { box.innerHTML = html; }
  title.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var text = title.value.trim();
      if (text.length < 4 || text === last) { return; }
      last = text;
      var body = new URLSearchParams();
      body.set('title', text);
      body.set('_csrf', form.querySelector('input[name=_csrf]').value);
      fetch(form.getAttribute('data-similar-ideas'), { method: 'POST', body: body, credentials: 'same-origin' })
        .then(function (r) { return r.ok ? r.text() : ''; })
        .then(show)
        .catch(function () { show(''); });
    }, 300);
  });
}());
