// Asks logged with no connection, kept in this browser's IndexedDB until they are sent.
// Shared by the service worker (which keeps them) and the pages (which send and list them).
(function (scope) {
  "use strict";

  var NAME = "rejection-offline";
  var STORE = "asks";

  function open() {
    return new Promise(function (resolve, reject) {
      var request = scope.indexedDB.open(NAME, 1);
      request.onupgradeneeded = function () {
        request.result.createObjectStore(STORE, { keyPath: "id", autoIncrement: true });
      };
      request.onsuccess = function () {
        resolve(request.result);
      };
      request.onerror = function () {
        reject(request.error);
      };
    });
  }

  function run(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var transaction = db.transaction(STORE, mode);
        var result = work(transaction.objectStore(STORE));
        transaction.oncomplete = function () {
          db.close();
          resolve(result && "result" in result ? result.result : undefined);
        };
        transaction.onerror = function () {
          db.close();
          reject(transaction.error);
        };
      });
    });
  }

  scope.RTQueue = {
    add: function (item) {
      return run("readwrite", function (store) {
        return store.add(item);
      });
    },
    // Oldest first, so asks reach the journal in the order they were logged.
    all: function () {
      return run("readonly", function (store) {
        return store.getAll();
      });
    },
    update: function (item) {
      return run("readwrite", function (store) {
        return store.put(item);
      });
    },
    remove: function (id) {
      return run("readwrite", function (store) {
        return store.delete(id);
      });
    },
  };
})(self);
