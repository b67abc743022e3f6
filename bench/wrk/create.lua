-- POST /payment-intents as a merchant's server sends it (credentials from the environment, see bench/throughput)
wrk.method = "POST"
wrk.body = '{"customerReference":"cust_bench","purchaseReference":"order_bench","amount":1000,"currency":"XOF"}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["ApiKey"] = os.getenv("CAURI_API_KEY")
wrk.headers["MerchantId"] = os.getenv("CAURI_MERCHANT_ID")
wrk.headers["Environment"] = "sandbox"
