# Over a page of praxis serve while the last build failed, above its errors.
overlay-failed = De site kon niet opnieuw gebouwd worden: je ziet de laatste versie die wel lukte, als die er is. Herstel het bestand, dan laadt de pagina vanzelf opnieuw.
