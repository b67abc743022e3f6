-- GET /payment-intents/{id}/status (the URL given to wrk names the intent)
wrk.method = "GET"
wrk.headers["ApiKey"] = os.getenv("CAURI_API_KEY")
wrk.headers["MerchantId"] = os.getenv("CAURI_MERCHANT_ID")
wrk.headers["Environment"] = "sandbox"
