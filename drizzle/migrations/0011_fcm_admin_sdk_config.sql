-- FCM now sends through firebase-admin, which only calls Google's hosts: the API base URL and OAuth token URL
-- every FCM config was saved with (filled in by their defaults) are no longer settings, and the config schema
-- refuses them. A channel that pointed them elsewhere sends to Google from now on; `proxy_url` is the setting
-- that puts something in between.
UPDATE "channels" SET "config" = "config" - 'base_url' - 'token_url' WHERE "provider" = 'fcm';
