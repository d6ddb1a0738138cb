# UI strings of the praxis theme, in Dutch.
skip-to-content = Naar de inhoud
menu-label = Menu
language-switcher-label = Taal
read-in-language = Lees in het Nederlands
not-translated-go-home = Nog niet in het Nederlands: naar de startpagina
reading-time = { $minutes ->
    [one] Leestijd: 1 minuut
   *[other] Leestijd: { $minutes } minuten
}
all-articles = Alle artikels
tags = Onderwerpen
tagged = Onderwerpen:
tagged-with = Onderwerp: { $tag }
all-tags = Alle onderwerpen
more-articles = Meer artikels
newer = Volgend artikel: { $title }
older = Vorig artikel: { $title }
feed = Nieuwe artikels volgen
practical-info-link = Praktische informatie
practical-info-more = Waar, hoe en annuleren: praktische informatie
contact-details-title = Liever bellen of mailen?
about-training = Opleiding
about-memberships = Aangesloten bij
membership-number = nr. { $number }
about-not-offered = Wat ik niet doe
toc-label = Inhoud van deze pagina
not-found-title = Pagina niet gevonden
not-found-text = Deze pagina bestaat niet (meer). Misschien vind je wat je zoekt via de startpagina.
back-home = Naar de startpagina
form-required-note = Velden met * zijn verplicht.
form-choose = Maak een keuze
form-honeypot-label = Laat dit veld leeg
form-error-title = Kijk het formulier nog even na
form-error-title-missing = { $count ->
    [one] Er ontbreekt nog een antwoord
   *[other] Er ontbreken nog { $count } antwoorden
}
form-error-title-invalid = { $count ->
    [one] Een antwoord klopt nog niet
   *[other] { $count } antwoorden kloppen nog niet
}
form-error-document-title = Fout: { $title }
form-problem-title = Je bericht is niet verstuurd
form-problem-rate-limited = De voorbije minuten zijn er vanaf deze verbinding te veel berichten verstuurd. Probeer het over { $minutes ->
    [one] een minuut
   *[other] { $minutes } minuten
} opnieuw: wat je schreef, staat hieronder nog klaar.
form-problem-unavailable = Door een storing kon je bericht niet bewaard worden; er is niets bijgehouden. Probeer het over een paar minuten opnieuw: wat je schreef, staat hieronder nog klaar. Lukt het dan nog niet, neem dan contact op via de gegevens onderaan deze pagina.
form-problem-too-large = Je bericht is te lang om te versturen. Maak het wat korter en probeer opnieuw: met de terugknop van je browser vind je wat je schreef meestal terug.
form-problem-wrong-origin = Het kwam niet van een pagina van deze site en is daarom geweigerd. Vul het formulier hieronder opnieuw in: met de terugknop van je browser vind je wat je schreef meestal terug.
form-problem-refused = Het kon niet gelezen worden. Vul het formulier hieronder opnieuw in: met de terugknop van je browser vind je wat je schreef meestal terug.
form-error-required = Dit veld is verplicht.
form-error-unticked = Vink dit vakje aan.
form-error-required-when = Je koos „{ $choice }”: vul dit veld dan ook in.
form-required-when = Verplicht als je „{ $choice }” kiest.
form-error-too-long = Dit is te lang: maximaal { $max } tekens.
form-error-email = Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.be.
form-error-tel = Vul een geldig telefoonnummer in, bijvoorbeeld 0470 12 34 56.
form-error-date = Vul een geldige datum in.
form-error-option = Kies een van de mogelijkheden.
og-locale = nl_BE
phone = Telefoon
email = E-mail
pagination-label = Meer artikels
page-of = Pagina { $current } van { $total }
newer-articles = Nieuwere artikels
older-articles = Oudere artikels
privacy-link = Hoe ik met je gegevens omga
privacy-controller-title = Wie je gegevens ontvangt
privacy-controller = Verantwoordelijk voor de verwerking van je gegevens is { $name }.
privacy-fields = Wat het formulier vraagt:
privacy-required = verplicht
privacy-required-when = verplicht als je „{ $choice }” kiest
privacy-consent-field = Je toestemming (aanvinkvakje)
privacy-optional = niet verplicht
privacy-basis-consent = Ik bewaar deze gegevens alleen met je uitdrukkelijke toestemming, die je geeft door het vakje aan te vinken (artikel 6.1.a en 9.2.a van de AVG). Je kunt die toestemming op elk moment intrekken.
privacy-basis-request = Ik gebruik deze gegevens alleen om je te antwoorden (artikel 6.1.b van de AVG).
privacy-keeping-title = Hoe je gegevens bewaard worden
privacy-encrypted = Wat je invult, wordt versleuteld voordat het bewaard wordt: alleen ik kan het lezen, met een sleutel die niet op de server staat. Ook wie de server beheert, kan het niet lezen.
# How long submissions are kept, said the same way everywhere (the form's hints, the privacy notice): from [submissions] retention_days.
retention-period = { $retention_days ->
    [one] 1 dag
   *[other] { $retention_days } dagen
}
privacy-retention = Je gegevens worden hoogstens { retention-period } bewaard en daarna automatisch gewist.
privacy-recipients = Ik deel je gegevens met niemand en gebruik ze voor niets anders.
privacy-mail-notice = Ik krijg een e-mail dat er een bericht is, zonder wat je schreef.
privacy-mail-answers = Ik krijg wat je schreef ook per e-mail.
privacy-no-ip = Je IP-adres wordt niet bewaard.
privacy-no-cookie = Deze site zet geen cookies en volgt je niet.
privacy-rights-title = Je rechten
privacy-rights = Je mag je gegevens altijd inkijken, laten verbeteren of laten wissen, de verwerking laten beperken of je ertegen verzetten, en een kopie vragen om ze aan een andere dienstverlener te bezorgen.
privacy-exercise = Stuur daarvoor een e-mail naar { $email }; ik antwoord binnen een maand.
privacy-updated = Laatst bijgewerkt op { $date }.
privacy-authority = Gegevensbeschermingsautoriteit
privacy-authority-url = https://www.gegevensbeschermingsautoriteit.be
privacy-complaint = Ben je niet tevreden over hoe ik met je gegevens omga, dan kun je een klacht indienen bij de { $authority }.
portrait-alt = Portret van { $name }
search = Zoeken
search-title = Zoeken
search-label = Zoek op deze site
search-button = Zoeken
search-none = Geen resultaten
search-count-one = 1 resultaat
search-count-other = resultaten
search-failed = Het zoeken lukt nu niet. Probeer de pagina opnieuw te laden.
search-needs-javascript = Zoeken werkt alleen met JavaScript, en dat staat in je browser uit. Je kunt ook rondkijken via:

## The site's structure (issue #34): bylines, lists of names.
byline-by = Door { $authors }
byline-translated = Vertaald door { $translators }
byline-by-translated = Door { $authors }, vertaald door { $translators }
list-and = en
# A page not written in this language: the switcher's link to it, and the page itself.
not-translated-yet = Nog niet in het Nederlands
untranslated-title = Nog niet in het Nederlands
untranslated-text = Deze pagina is nog niet in het Nederlands vertaald. Je kunt ze wel al lezen in een andere taal:
