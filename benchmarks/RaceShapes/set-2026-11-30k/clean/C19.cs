using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Editor.Collaboration
{
    public enum EditKind
    {
        Insert,
        Delete,
    }

    public sealed record EditOperation(EditKind Kind, int Position, string Text, string AuthorId);

    public sealed record MergeResult(string Text, int AppliedCount);

    /// <summary>
    /// Merges concurrent edits from collaborators into a document revision
    /// using operational transformation. Called by the sync worker when a
    /// reconnecting client uploads its offline edits.
    /// </summary>
    public static class ConcurrentEditMerger
    {
        private sealed class DocumentBuffer
        {
            private readonly StringBuilder _text;

            public DocumentBuffer(string initial) => _text = new StringBuilder(initial);

            public int AppliedCount { get; private set; }

            public override string ToString() => _text.ToString();

            public void Apply(EditOperation op)
            {
                int position = Math.Clamp(op.Position, 0, _text.Length);
                if (op.Kind == EditKind.Insert)
                {
                    _text.Insert(position, op.Text);
                }
                else
                {
                    int length = Math.Min(op.Text.Length, _text.Length - position);
                    _text.Remove(position, length);
                }

                AppliedCount++;
            }
        }

        /// <summary>Transforms <paramref name="remote"/> so it applies after <paramref name="local"/>.</summary>
        public static EditOperation Transform(EditOperation remote, EditOperation local)
        {
            if (local.Position > remote.Position ||
                (local.Position == remote.Position && string.CompareOrdinal(local.AuthorId, remote.AuthorId) > 0))
                return remote;

            int shift = local.Kind == EditKind.Insert ? local.Text.Length : -local.Text.Length;
            return remote with { Position = Math.Max(local.Position, remote.Position + shift) };
        }

        public static async Task<MergeResult> MergeAsync(
            string baseText,
            IAsyncEnumerable<EditOperation> remoteEdits,
            IReadOnlyList<EditOperation> pendingLocal,
            CancellationToken cancellationToken)
        {
            var buffer = new DocumentBuffer(baseText);

            foreach (var local in pendingLocal)
                buffer.Apply(local);

            await foreach (var remote in remoteEdits.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                var transformed = remote;
                foreach (var local in pendingLocal)
                    transformed = Transform(transformed, local);

                buffer.Apply(transformed);
            }

            return new MergeResult(buffer.ToString(), buffer.AppliedCount);
        }
    }
}
