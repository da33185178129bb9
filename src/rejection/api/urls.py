from ninja import NinjaAPI

api = NinjaAPI(title="Rejection Therapy API", version="1")
