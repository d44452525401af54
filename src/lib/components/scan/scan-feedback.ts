/** What a screen answers about a scanned code: shown big under the camera, heard and felt. */
export type ScanFeedback = { tone: 'ok' | 'error'; message: string };
