// The errors CloudBase's database answers with, code and message as the real service words them (the SDK
// maps `code` to errCode: DATABASE_COLLECTION_NOT_EXIST -502005, DATABASE_REQUEST_FAILED -502001,
// INVALID_PARAM -501007, SERVER_TIMEOUT -501002; codes it does not know, such as DATABASE_TRANSACTION_CONFLICT,
// become -501001). Where CloudBase's wording is not known (a query refused in a transaction, a lock wait
// timing out), the wording is localcloud's.
import { CloudError } from '../protocol';

const PERSISTS = 'Please check your request, but if the problem persists, contact us.';

export const collectionNotExist = (name: string): CloudError =>
  new CloudError('DATABASE_COLLECTION_NOT_EXIST', `[ResourceNotFound] Db or Table not exist: ${name}. ${PERSISTS}`);

export const collectionExists = (name: string): CloudError =>
  new CloudError('DATABASE_COLLECTION_ALREADY_EXIST', `[ResourceUnavailable.ResourceExist] Table exist: ${name}. ${PERSISTS}`);

/** A unique index refused a write: CloudBase passes MongoDB's E11000 text through as a failed operation. */
export const duplicateKey = (envId: string, collection: string, index: string, key: string): CloudError =>
  new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] E11000 duplicate key error collection: ${envId}.${collection} index: ${index} dup key: ${key}`);

/** runTransaction retries exactly this code. */
export const transactionConflict = (): CloudError =>
  new CloudError(
    'DATABASE_TRANSACTION_CONFLICT',
    `[ResourceUnavailable.TransactionConflict] Transaction is conflict, maybe resource operated by others. ${PERSISTS}`,
  );

export const transactionNotFound = (id: string): CloudError =>
  new CloudError('DATABASE_TRANSACTION_FAIL', `[ResourceUnavailable.TransactionNotExist] Transaction ${id} does not exist: committed, aborted or expired. ${PERSISTS}`);

/**
 * CloudBase runs only single-document operations in a transaction ("在事务中不支持批量操作（where 语句），只支持单记录
 * 操作（collection.doc, collection.add）").
 */
export const notSingleDocument = (what: string): CloudError =>
  requestFailed(`${what} is not supported in a transaction: a transaction runs single-document operations only (doc(id).get/set/update/remove, add)`);

/** An ordinary write that waited for a document an open transaction holds locked, until the lock wait passed. */
export const lockWaitTimeout = (ms: number): CloudError =>
  new CloudError('SERVER_TIMEOUT', `[ResourceUnavailable.LockTimeout] The write waited ${ms} ms for a document locked by an open transaction and was not applied. ${PERSISTS}`);

export const invalidParam = (message: string): CloudError => new CloudError('INVALID_PARAM', `[InvalidParameter] ${message}`);

/** A well-formed request the database cannot execute (unknown operator, $inc on a string, ...). */
export const requestFailed = (message: string): CloudError => new CloudError('DATABASE_REQUEST_FAILED', `[FailedOperation] ${message}`);

/** MongoDB's largest document (BSON), and the largest BSON object it reads at all (16 MB + 16 KB). */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;
const MAX_BSON_OBJECT_BYTES = MAX_DOCUMENT_BYTES + 16 * 1024;

/** A document to insert over 16 MB: MongoDB's words (server error code 2 just over it, 10334 past the 16 KB of headroom). */
export const documentTooLarge = (size: number, firstElement: string): CloudError =>
  requestFailed(
    size > MAX_BSON_OBJECT_BYTES
      ? `BSONObj size: ${size} (0x${size.toString(16).toUpperCase()}) is invalid. Size must be between 0 and ${MAX_BSON_OBJECT_BYTES}(16MB) First element: ${firstElement}`
      : `object to insert too large. size in bytes: ${size}, max size: ${MAX_DOCUMENT_BYTES}`,
  );

/** An update (or replacement) whose result is over 16 MB: MongoDB's error 17419. */
export const updateTooLarge = (): CloudError => requestFailed(`Resulting document after update is larger than ${MAX_DOCUMENT_BYTES}`);
