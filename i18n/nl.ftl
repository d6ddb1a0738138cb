# UI strings of this site (they replace or add to the theme's).

## The contact form
form-contact-name-label = Naam
form-contact-email-label = E-mailadres
form-contact-message-label = Je bericht
form-contact-submit = Versturen
form-contact-name-error-required = Vul je naam in.
form-contact-title = Het contactformulier
form-contact-purpose = Met het contactformulier stel je me een vraag; ik gebruik wat je invult alleen om je te antwoorden.

## The intake form
form-intake-title = Het aanmeldformulier
form-intake-purpose = Met het aanmeldformulier vraag je een eerste gesprek aan; ik gebruik wat je invult alleen om dat gesprek te plannen en voor te bereiden.
form-intake-name-label = Naam
form-intake-name-error-required = Vul je naam in.
form-intake-email-label = E-mailadres
form-intake-phone-label = Telefoonnummer
form-intake-phone-error-required-when = Vul je telefoonnummer in, dan kan ik je bellen.
form-intake-language-label = In welke taal wil je de gesprekken voeren?
form-intake-language-nl = Nederlands
form-intake-language-fr = Frans
form-intake-contact_by-label = Hoe bereik ik je het best?
form-intake-contact_by-email = Per e-mail
form-intake-contact_by-phone = Telefonisch
form-intake-reason-label = Waarover wil je praten?
form-intake-reason-hint = Een paar zinnen volstaan.
form-intake-reason-error-required = Schrijf in een paar woorden waarover je wilt praten.
form-intake-consent-label = Ik ga ermee akkoord dat mijn gegevens bewaard worden om een eerste gesprek te plannen.
form-intake-consent-hint = Wat je invult, wordt versleuteld bewaard: alleen ik kan het lezen. Het wordt na { retention-period } gewist en voor niets anders gebruikt. Je kunt het op elk moment eerder laten wissen.
form-intake-consent-error-unticked = Vink dit vakje aan om je aanmelding te versturen.
form-intake-submit = Aanmelden
