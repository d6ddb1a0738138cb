# UI strings of this site (they replace or add to the theme's).

## The contact form
form-contact-name-label = Nom
form-contact-email-label = Adresse e-mail
form-contact-message-label = Votre message
form-contact-submit = Envoyer
form-contact-name-error-required = Indiquez votre nom.
form-contact-title = Le formulaire de contact
form-contact-purpose = Le formulaire de contact vous permet de me poser une question ; je n’utilise ce que vous y écrivez que pour vous répondre.

## The intake form
form-intake-title = La demande de premier entretien
form-intake-purpose = Ce formulaire vous permet de demander un premier entretien ; je n’utilise ce que vous y écrivez que pour l’organiser et le préparer.
form-intake-name-label = Nom
form-intake-name-error-required = Indiquez votre nom.
form-intake-email-label = Adresse e-mail
form-intake-phone-label = Numéro de téléphone
form-intake-phone-error-required-when = Indiquez votre numéro de téléphone pour que je puisse vous appeler.
form-intake-language-label = Dans quelle langue souhaitez-vous que se déroulent les entretiens ?
form-intake-language-nl = Néerlandais
form-intake-language-fr = Français
form-intake-contact_by-label = Comment préférez-vous que je vous contacte ?
form-intake-contact_by-email = Par e-mail
form-intake-contact_by-phone = Par téléphone
form-intake-reason-label = De quoi souhaitez-vous parler ?
form-intake-reason-hint = Quelques phrases suffisent.
form-intake-reason-error-required = Dites en quelques mots de quoi vous souhaitez parler.
form-intake-consent-label = J’accepte que mes données soient conservées afin de préparer un premier entretien.
form-intake-consent-hint = Ce que vous indiquez est conservé sous forme chiffrée : je suis la seule à pouvoir le lire. Tout est effacé après { retention-period } et n’est utilisé à aucune autre fin. Vous pouvez à tout moment en demander l’effacement.
form-intake-consent-error-unticked = Cochez cette case pour envoyer votre demande.
form-intake-submit = Envoyer ma demande
