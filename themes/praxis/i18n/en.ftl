# UI strings of the praxis theme, in English.
skip-to-content = Skip to the content
menu-label = Menu
language-switcher-label = Language
read-in-language = Read in English
not-translated-go-home = Not in English yet: go to the home page
reading-time = { $minutes ->
    [one] Reading time: 1 minute
   *[other] Reading time: { $minutes } minutes
}
all-articles = All articles
tags = Topics
tagged = Topics:
tagged-with = Topic: { $tag }
all-tags = All topics
more-articles = More articles
newer = Next article: { $title }
older = Previous article: { $title }
feed = Follow new articles
practical-info-link = Practical information
practical-info-more = Where, how, and cancelling: practical information
contact-details-title = Would you rather call or write?
about-training = Training
about-memberships = Member of
membership-number = no. { $number }
about-not-offered = What I do not do
toc-label = On this page
not-found-title = Page not found
not-found-text = This page does not exist, or no longer does. You may find what you are looking for from the home page.
back-home = Go to the home page
form-required-note = Fields marked with * are required.
form-choose = Please choose
form-honeypot-label = Leave this field empty
form-error-title = Please check the form
form-error-title-missing = { $count ->
    [one] One answer is still missing
   *[other] { $count } answers are still missing
}
form-error-title-invalid = { $count ->
    [one] One answer needs correcting
   *[other] { $count } answers need correcting
}
form-error-document-title = Error: { $title }
form-problem-title = Your message was not sent
form-problem-rate-limited = Too many messages have been sent from this connection in the last few minutes. Please try again in { $minutes ->
    [one] a minute
   *[other] { $minutes } minutes
}: what you wrote is still waiting for you below.
form-problem-unavailable = A fault stopped your message from being saved; nothing was kept. Please try again in a few minutes: what you wrote is still waiting for you below. If it still does not work, please get in touch using the details at the bottom of this page.
form-problem-too-large = Your message is too long to send. Please shorten it a little and try again: your browser’s back button will usually bring back what you wrote.
form-problem-wrong-origin = It did not come from a page of this site, so it was refused. Please fill in the form below again: your browser’s back button will usually bring back what you wrote.
form-problem-refused = It could not be read. Please fill in the form below again: your browser’s back button will usually bring back what you wrote.
form-error-required = This field is required.
form-error-unticked = Please tick this box.
form-error-required-when = You chose “{ $choice }”: please fill in this field as well.
form-required-when = Required if you choose “{ $choice }”.
form-error-too-long = This is too long: { $max } characters at most.
form-error-email = Please enter a valid email address, for example name@example.be.
form-error-tel = Please enter a valid phone number, for example 0470 12 34 56.
form-error-date = Please enter a valid date.
form-error-option = Please choose one of the options.
og-locale = en_GB
phone = Phone
email = Email
pagination-label = More articles
page-of = Page { $current } of { $total }
newer-articles = Newer articles
older-articles = Older articles
privacy-link = How I handle your data
privacy-controller-title = Who receives your data
privacy-controller = The controller of your data is { $name }.
privacy-fields = What the form asks for:
privacy-required = required
privacy-required-when = required if you choose “{ $choice }”
privacy-consent-field = Your consent (a tick box)
privacy-optional = optional
privacy-basis-consent = I keep this data only with your explicit consent, which you give by ticking the box (Articles 6(1)(a) and 9(2)(a) of the GDPR). You can withdraw that consent at any time.
privacy-basis-request = I use this data only to answer you (Article 6(1)(b) of the GDPR).
privacy-keeping-title = How your data is kept
privacy-encrypted = What you fill in is encrypted before it is stored: only I can read it, with a key that is not on the server. Whoever manages the server cannot read it either.
# How long submissions are kept, said the same way everywhere (the form's hints, the privacy notice): from [submissions] retention_days.
retention-period = { $retention_days ->
    [one] 1 day
   *[other] { $retention_days } days
}
privacy-retention = Your data is kept for { retention-period } at most, then deleted automatically.
privacy-recipients = I share your data with no one and use it for nothing else.
privacy-mail-notice = I receive an email saying that a message has arrived, without what you wrote.
privacy-mail-answers = I also receive what you wrote by email.
privacy-no-ip = Your IP address is not stored.
privacy-no-cookie = This site sets no cookies and does not track you.
privacy-rights-title = Your rights
privacy-rights = You may always see your data, have it corrected or erased, have its processing restricted or object to it, and ask for a copy to pass on to another provider.
privacy-exercise = To do so, send an email to { $email }; I will answer within a month.
privacy-updated = Last updated on { $date }.
privacy-authority = Data Protection Authority
privacy-authority-url = https://www.dataprotectionauthority.be
privacy-complaint = If you are not satisfied with how I handle your data, you can lodge a complaint with the { $authority }.
portrait-alt = Portrait of { $name }
search = Search
search-title = Search
search-label = Search this site
search-button = Search
search-none = No results
search-count-one = 1 result
search-count-other = results
search-failed = Search is not working right now. Please try reloading the page.
search-needs-javascript = Search works only with JavaScript, which is turned off in your browser. You can also browse the site:

## The site's structure (issue #34): bylines, lists of names.
byline-by = By { $authors }
byline-translated = Translated by { $translators }
byline-by-translated = By { $authors }, translated by { $translators }
list-and = and
# A page not written in this language: the switcher's link to it, and the page itself.
not-translated-yet = Not yet in English
untranslated-title = Not yet in English
untranslated-text = This page has not been translated into English yet. You can already read it in another language:
