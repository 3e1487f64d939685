# Mayak user interface, Belarusian: The National Referral Mechanism: multidisciplinary groups, notifications, referral statistics.
# Loaded after ../be.ftl; a key may be defined only once per language.
