package townhall.demo;

import java.time.Clock;
import townhall.account.AccountService;
import townhall.account.AccountStore;
import townhall.db.Database;
import townhall.db.SiteSettingsStore;
import townhall.faq.FaqService;
import townhall.faq.FaqStore;
import townhall.qa.CategoryStore;
import townhall.qa.CurationService;
import townhall.qa.PostingService;
import townhall.qa.VoteAndMarkService;
import townhall.reputation.HelperService;
import townhall.reputation.ReputationStore;
import townhall.versions.VersionService;

/** The services the demo posts through, all on one clock (the composition root builds them, at any clock). */
public record DemoServices(Clock clock, Database database, SiteSettingsStore siteSettings, AccountStore accountStore,
                           AccountService accounts, CategoryStore categories, PostingService posting,
                           VoteAndMarkService votesAndMarks, CurationService curation, ReputationStore reputationStore,
                           HelperService helpers, FaqStore faqStore, FaqService faq, VersionService versions) {
}
