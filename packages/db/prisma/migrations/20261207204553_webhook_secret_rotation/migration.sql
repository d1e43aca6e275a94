-- Webhook secret rotation (decision 0027): the secret before the last rotation, and until when it
-- still signs. Existing secrets are sealed with WEBHOOK_SECRETS_KEY at start, not here: SQL
-- cannot run node's AES-GCM (sealStoredSecrets in packages/api/src/webhooks/secret-box.ts).
-- AlterTable
ALTER TABLE "WebhookEndpoint" ADD COLUMN     "previousSecret" TEXT,
ADD COLUMN     "previousSecretExpiresAt" TIMESTAMP(3);
