parameter_name = "/prod/db/password-ZZSECRETMARKER2ZZ"
