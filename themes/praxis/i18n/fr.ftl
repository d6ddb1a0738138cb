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
newer = Plus récent : { $title }
older = Plus ancien : { $title }
feed = Flux Atom
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
form-problem-rate-limited = Trop de messages sont partis d’ici ces dernières minutes. Réessayez dans { $minutes ->
    [one] une minute
   *[other] { $minutes } minutes
} : ce que vous avez écrit vous attend ci-dessous.
form-problem-unavailable = Une panne a empêché d’enregistrer votre message ; rien n’a été conservé. Réessayez dans quelques minutes : ce que vous avez écrit vous attend ci-dessous. Si cela ne fonctionne toujours pas, contactez-moi grâce aux coordonnées en bas de cette page.
form-problem-too-large = Ce message est trop long pour être envoyé. Raccourcissez-le un peu et réessayez : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-problem-wrong-origin = Il ne venait pas d’une page de ce site, et il a donc été refusé. Remplissez à nouveau le formulaire ci-dessous : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-problem-refused = Il n’a pas pu être lu. Remplissez à nouveau le formulaire ci-dessous : le bouton « Retour » de votre navigateur vous permet en général de retrouver ce que vous aviez écrit.
form-error-required = Ce champ est obligatoire.
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
privacy-optional = facultatif
privacy-basis-consent = Je ne conserve ces données qu’avec votre consentement explicite, que vous donnez en cochant la case (articles 6.1.a et 9.2.a du RGPD). Vous pouvez le retirer à tout moment.
privacy-basis-request = Je n’utilise ces données que pour répondre à votre demande, puisque c’est vous qui la faites (article 6.1.b du RGPD).
privacy-keeping-title = Comment vos données sont conservées
privacy-encrypted = Ce que vous écrivez est chiffré avant d’être conservé : il ne peut être lu qu’avec ma clé privée, que ni le serveur qui héberge le site ni son administrateur ne possèdent.
privacy-retention = { $days ->
    [one] Je le conserve 1 jour au plus ; il est ensuite effacé automatiquement.
   *[other] Je le conserve { $days } jours au plus ; il est ensuite effacé automatiquement.
}
privacy-recipients = Je ne transmets vos données à personne et n’en fais aucun autre usage.
privacy-mail-notice = Je reçois un e-mail m’indiquant qu’un message est arrivé, sans ce que vous avez écrit.
privacy-mail-answers = Je reçois aussi par e-mail ce que vous avez écrit.
privacy-no-ip = Votre adresse IP n’est pas conservée.
privacy-no-cookie = Ce site ne dépose aucun cookie et ne vous suit pas.
privacy-rights-title = Vos droits
privacy-rights = Vous pouvez à tout moment consulter vos données, les faire rectifier ou effacer, en faire limiter le traitement ou vous y opposer, et les demander pour les emporter ailleurs.
privacy-exercise = Il vous suffit de m’écrire à { $email } ; je vous réponds dans le mois.
privacy-complaint = Si la manière dont je traite vos données ne vous convient pas, vous pouvez introduire une plainte auprès de l’Autorité de protection des données (autoriteprotectiondonnees.be).
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
