# Mayak user interface, Russian: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../ru.ftl; a key may be defined only once per language.
