# UI strings of the praxis theme, in French.
skip-to-content = Aller au contenu
menu-label = Menu
language-switcher-label = Langue
read-in-language = Lire en français
not-translated-go-home = Pas encore en français : vers l’accueil
reading-time = { $minutes ->
    [one] 1 minute de lecture
   *[other] { $minutes } minutes de lecture
}
all-articles = Tous les articles
tags = Sujets
tagged = Sujets :
tagged-with = Sujet : { $tag }
all-tags = Tous les sujets
more-articles = Plus d’articles
newer = Article suivant : { $title }
older = Article précédent : { $title }
feed = Suivre les nouveaux articles
practical-info-link = Informations pratiques
practical-info-more = Accès et annulation : informations pratiques
contact-details-title = Vous préférez téléphoner ou écrire ?
about-training = Formation
about-memberships = Membre de
membership-number = n° { $number }
about-not-offered = Ce que je ne fais pas
toc-label = Sur cette page
not-found-title = Page introuvable
not-found-text = Cette page n’existe pas (ou plus). Vous trouverez peut-être ce que vous cherchez à partir de la page d’accueil.
back-home = Retour à l’accueil
form-required-note = Les champs marqués d’un * sont obligatoires.
form-choose = Faites votre choix
form-honeypot-label = Laissez ce champ vide
form-error-title = Merci de vérifier le formulaire
form-error-title-missing = { $count ->
    [one] Il manque une réponse
   *[other] Il manque { $count } réponses
}
form-error-title-invalid = { $count ->
    [one] Une réponse est à corriger
   *[other] { $count } réponses sont à corriger
}
form-error-document-title = Erreur : { $title }
form-problem-title = Votre message n’a pas été envoyé
form-problem-rate-limited = Trop de messages ont été envoyés depuis cette connexion ces dernières minutes. Réessayez dans { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
} : ce que vous avez écrit vous attend ci-dessous.
form-problem-unavailable = Une panne a empêché d’enregistrer votre message ; rien n’a été conservé. Réessayez dans quelques minutes : ce que vous avez écrit vous attend ci-dessous. Si cela ne fonctionne toujours pas, contactez-moi grâce aux coordonnées en bas de cette page.
form-problem-too-large = Ce message est trop long pour être envoyé. Raccourcissez-le un peu et réessayez : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-problem-wrong-origin = Il ne venait pas d’une page de ce site, et il a donc été refusé. Remplissez à nouveau le formulaire ci-dessous : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-problem-refused = Il n’a pas pu être lu. Remplissez à nouveau le formulaire ci-dessous : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-error-required = Ce champ est obligatoire.
form-error-unticked = Cochez cette case.
form-error-required-when = Vous avez choisi « { $choice } » : remplissez aussi ce champ.
form-required-when = Obligatoire si vous choisissez « { $choice } ».
form-error-too-long = Ce texte est trop long : { $max } caractères au maximum.
form-error-email = Indiquez une adresse e-mail valide, par exemple nom@exemple.be.
form-error-tel = Indiquez un numéro de téléphone valide, par exemple 0470 12 34 56.
form-error-date = Indiquez une date valide.
form-error-option = Choisissez l’une des options proposées.
og-locale = fr_BE
phone = Téléphone
email = E-mail
pagination-label = Plus d’articles
page-of = Page { $current } sur { $total }
newer-articles = Articles plus récents
older-articles = Articles plus anciens
privacy-link = Ce que je fais de vos données
privacy-controller-title = Qui reçoit vos données
privacy-controller = Responsable du traitement de vos données : { $name }.
privacy-fields = Ce que le formulaire demande :
privacy-required = obligatoire
privacy-required-when = obligatoire si vous choisissez « { $choice } »
privacy-consent-field = Votre consentement (case à cocher)
privacy-optional = facultatif
privacy-basis-consent = Je ne conserve ces données qu’avec votre consentement explicite, que vous donnez en cochant la case (articles 6.1.a et 9.2.a du RGPD). Vous pouvez le retirer à tout moment.
privacy-basis-request = Je n’utilise ces données que pour vous répondre (article 6.1.b du RGPD).
privacy-keeping-title = Comment vos données sont conservées
privacy-encrypted = Ce que vous écrivez est chiffré avant d’être conservé : il ne peut être lu qu’avec ma clé, qui ne se trouve pas sur le serveur. Même l’administrateur du serveur ne peut pas le lire.
# How long submissions are kept, said the same way everywhere (the form's hints, the privacy notice): from [submissions] retention_days.
retention-period = { $retention_days ->
    [one] 1 jour
   *[other] { $retention_days } jours
}
privacy-retention = Vos données sont conservées { retention-period } au plus, puis effacées automatiquement.
privacy-recipients = Je ne transmets vos données à personne et n’en fais aucun autre usage.
privacy-mail-notice = Je reçois un e-mail m’indiquant qu’un message est arrivé, sans ce que vous avez écrit.
privacy-mail-answers = Je reçois aussi par e-mail ce que vous avez écrit.
privacy-no-ip = Votre adresse IP n’est pas conservée.
privacy-no-cookie = Ce site ne dépose aucun cookie et ne vous suit pas.
privacy-rights-title = Vos droits
privacy-rights = Vous pouvez à tout moment consulter vos données, les faire rectifier ou effacer, en faire limiter le traitement ou vous y opposer, et en obtenir une copie pour les transmettre à un autre prestataire.
privacy-exercise = Il vous suffit de m’écrire à { $email } ; je vous réponds dans un délai d’un mois.
privacy-updated = Dernière mise à jour : { $date }.
privacy-authority = Autorité de protection des données
privacy-authority-url = https://www.autoriteprotectiondonnees.be
privacy-complaint = Si la manière dont je traite vos données ne vous convient pas, vous pouvez introduire une plainte auprès de l’{ $authority }.
portrait-alt = Portrait de { $name }
search = Rechercher
search-title = Rechercher
search-label = Rechercher sur ce site
search-button = Rechercher
search-none = Aucun résultat
search-count-one = 1 résultat
search-count-other = résultats
search-failed = La recherche ne fonctionne pas pour le moment. Essayez de recharger la page.
search-needs-javascript = La recherche ne fonctionne qu’avec JavaScript, qui est désactivé dans votre navigateur. Vous pouvez aussi parcourir le site :

## The site's structure (issue #34): bylines, lists of names.
byline-by = Par { $authors }
byline-translated = Traduit par { $translators }
byline-by-translated = Par { $authors }, traduit par { $translators }
list-and = et
# A page not written in this language: the switcher's link to it, and the page itself.
not-translated-yet = Pas encore en français
untranslated-title = Pas encore en français
untranslated-text = Cette page n’a pas encore été traduite en français. Vous pouvez déjà la lire dans une autre langue :
