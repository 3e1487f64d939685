# Mayak user interface, English: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../en.ftl; a key may be defined only once per language.
