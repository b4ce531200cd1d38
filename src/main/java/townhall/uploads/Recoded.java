package townhall.uploads;

/** An image written anew: its bytes (nothing of the original file's metadata), their extension, its size. */
record Recoded(byte[] bytes, String extension, String contentType, int width, int height) {}
