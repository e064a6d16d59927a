using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Editor.Documents
{
    public sealed record DocumentSnapshot(int Version, string Text, DateTime TakenAtUtc);

    public interface ISnapshotStore
    {
        /// <summary>
        /// Persists a snapshot next to the document. May block for several
        /// seconds when the document lives on a network share.
        /// </summary>
        void Write(string documentId, DocumentSnapshot snapshot);
    }

    /// <summary>
    /// Periodically saves recovery snapshots of an open document so that work
    /// can be restored after a crash.
    /// </summary>
    public sealed class AutosaveService : IDisposable
    {
        private const int MaxRecoveryPoints = 20;

        private readonly string _documentId;
        private readonly Func<DocumentSnapshot> _capture;
        private readonly ISnapshotStore _store;
        private readonly Queue<DocumentSnapshot> _recoveryPoints = new();
        private readonly Timer _timer;

        public AutosaveService(string documentId, Func<DocumentSnapshot> capture, ISnapshotStore store, TimeSpan interval)
        {
            _documentId = documentId;
            _capture = capture;
            _store = store;
            _timer = new Timer(OnAutosaveTick, null, interval, interval);
        }

        private void OnAutosaveTick(object? state)
        {
            var snapshot = _capture();

            if (_recoveryPoints.Count > 0 && _recoveryPoints.Last().Version == snapshot.Version)
                return;

            try
            {
                _store.Write(_documentId, snapshot);
            }
            catch (IOException)
            {
                return;
            }

            _recoveryPoints.Enqueue(snapshot);
            while (_recoveryPoints.Count > MaxRecoveryPoints)
                _recoveryPoints.Dequeue();
        }

        public void Dispose()
        {
            _timer.Dispose();
        }
    }
}
