-- Room on every page for a message's next version: the claim of a delivery changes no indexed column, so with
-- free space on the page it is a heap-only (HOT) update that writes no index entries.
ALTER TABLE "messages" SET (fillfactor = 50);
