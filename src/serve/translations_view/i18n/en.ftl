# The translator's view (praxis serve, /_praxis/translations/): English.
tv-title = Translations
tv-preview = preview, on this computer only
tv-intro = For each page, the state of each language version: up to date, out of date since another version changed, missing, or still a draft.
tv-language-switch = Language of this overview
tv-summary = Summary
tv-count-in-step = { $count ->
    [one] 1 version up to date
   *[other] { $count } versions up to date
}
tv-count-out-of-date = { $count ->
    [one] 1 version out of date
   *[other] { $count } versions out of date
}
tv-count-missing = { $count ->
    [one] 1 version missing
   *[other] { $count } versions missing
}
tv-count-draft = { $count ->
    [one] 1 draft
   *[other] { $count } drafts
}
tv-table-caption = Every page and its language versions
tv-col-page = Page
tv-state-in-step = Up to date
tv-state-ahead = Changed: the translation needs to follow
tv-state-out-of-date = Out of date
tv-state-missing = Missing
tv-state-draft = Draft
tv-changed-since = { $file } has changed since then: { $what }
tv-what-paragraphs = { $count ->
    [one] the paragraph on line { $lines }
   *[other] the paragraphs on lines { $lines }
}
tv-what-title = the title
tv-what-description = the description
tv-what-removed = paragraphs were removed
tv-agreed = Last in agreement on { $date }
tv-agreed-unknown = Since when is not known: translations.lock was written by an older version of praxis.
tv-saved = { $file } last saved on { $date }
tv-view-page = View the page
tv-back = All translations
tv-compare-heading = Bring { $target } up to date with { $source }
tv-side-by-side = { $source } beside { $target }
tv-col-source = { $language }: { $file } (source)
tv-col-translation = { $language }: { $file } (translation)
tv-col-version = { $language }: { $file }
tv-block-changed = Changed
tv-block-added = New
tv-block-removed = Removed
tv-block-moved = Moved
tv-block-line = line { $line }
tv-block-none = No counterpart
tv-kind-heading = Heading
tv-kind-list = List
tv-kind-paragraph = Paragraph
tv-kind-quote = Quotation
tv-kind-code = Code
tv-kind-other = Block
tv-row-title = Title
tv-row-description = Description
tv-legend = Struck-through text is what the source said when the versions last agreed; underlined text is what it says now.
tv-old-text-unknown = What was here before was not kept: translations.lock was written by an older version of praxis. From the next time the versions agree, the text will be kept.
tv-accept = Accept: { $target } still says the same
tv-accept-help = Does the same as praxis check --accept { $key }: the versions count as in agreement again, just as they are now.
tv-in-step-page = All versions of this page are up to date.
tv-missing-heading = There is no { $language } version yet
tv-missing-help = Write { $file }, or let praxis make a draft of it, the way praxis new does.
tv-create = Create a draft
tv-draft-detail = { $file } is still a draft (draft = true).
tv-not-found = There is no such page on this site.
tv-no-site = The site has not been built yet: fix its errors first.
tv-language-nl = Dutch
tv-language-fr = French
tv-language-en = English
tv-changes = Go to the changes:
# Read out by screen readers before struck and inserted words.
tv-said-before = before:
tv-says-now = now:
tv-back-to-desk = Back to the desk
