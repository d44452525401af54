// A client-rendered shell over the local replica: the server renders nothing a device needs offline.
export const ssr = false;
