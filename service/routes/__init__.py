"""The service's routes, one `APIRouter` per family; `create_app` includes them."""
