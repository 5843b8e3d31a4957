/**
 * The Signature V4 signer against the worked examples of Amazon's S3 documentation ("Signature Calculations
 * for the Authorization Header: Transferring Payload in a Single Chunk"): the same inputs must give the
 * published signatures, character for character. (The S3 test server used elsewhere does not check V4.)
 */
import { createHash } from "node:crypto";
import { describe, expect, test } from "vitest";
import { signRequest } from "./s3-evidence-store.ts";

const credentials = { region: "us-east-1", accessKey: "AKIAIOSFODNN7EXAMPLE", secretKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" };
const date = new Date("2013-05-24T00:00:00Z");
const EMPTY = createHash("sha256").update("").digest("hex");

describe("Signature V4", () => {
  test("GET Object with a Range header", () => {
    const headers = signRequest({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/test.txt"), payloadHash: EMPTY, date, headers: { range: "bytes=0-9" } }, credentials);
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41",
    );
    expect(headers["x-amz-date"]).toBe("20130524T000000Z");
  });

  test("PUT Object: a key with a character to encode, a body, more headers", () => {
    const body = "Welcome to Amazon S3.";
    const headers = signRequest(
      {
        method: "PUT",
        url: new URL("https://examplebucket.s3.amazonaws.com/test$file.text"),
        payloadHash: createHash("sha256").update(body).digest("hex"),
        date,
        headers: { date: "Fri, 24 May 2013 00:00:00 GMT", "x-amz-storage-class": "REDUCED_REDUNDANCY" },
      },
      credentials,
    );
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class, Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd",
    );
  });

  test("GET with a query string (the bucket's lifecycle)", () => {
    const headers = signRequest({ method: "GET", url: new URL("https://examplebucket.s3.amazonaws.com/?lifecycle"), payloadHash: EMPTY, date }, credentials);
    expect(headers.authorization).toBe(
      "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543",
    );
  });
});
