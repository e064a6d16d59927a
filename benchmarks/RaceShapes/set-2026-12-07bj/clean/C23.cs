using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Blind62.BeeBreeding.Apiary
{
    public sealed record QueenRecord(string QueenId, string Line, int Generation, double Temperament, DateOnly Mated);

    /// <summary>
    /// Mailbox-style actor that owns the breeding records for one apiary. All
    /// mutations and queries are posted as messages and applied in arrival order by the
    /// processing loop.
    /// </summary>
    public sealed class ApiaryActor : IAsyncDisposable
    {
        private abstract record Message;
        private sealed record Register(QueenRecord Queen) : Message;
        private sealed record Supersede(string QueenId, QueenRecord Daughter, TaskCompletionSource<bool> Reply) : Message;
        private sealed record Query(string Line, TaskCompletionSource<IReadOnlyList<QueenRecord>> Reply) : Message;

        private readonly Channel<Message> _mailbox = Channel.CreateUnbounded<Message>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<string, QueenRecord> _queens = new(StringComparer.OrdinalIgnoreCase);
        private readonly Task _loop;

        public ApiaryActor()
        {
            _loop = Task.Run(ProcessAsync);
        }

        public void RegisterQueen(QueenRecord queen) => _mailbox.Writer.TryWrite(new Register(queen));

        public Task<bool> SupersedeAsync(string queenId, QueenRecord daughter)
        {
            var reply = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_mailbox.Writer.TryWrite(new Supersede(queenId, daughter, reply)))
            {
                reply.SetException(new ObjectDisposedException(nameof(ApiaryActor)));
            }

            return reply.Task;
        }

        public Task<IReadOnlyList<QueenRecord>> QueensInLineAsync(string line)
        {
            var reply = new TaskCompletionSource<IReadOnlyList<QueenRecord>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_mailbox.Writer.TryWrite(new Query(line, reply)))
            {
                reply.SetException(new ObjectDisposedException(nameof(ApiaryActor)));
            }

            return reply.Task;
        }

        private async Task ProcessAsync()
        {
            await foreach (var message in _mailbox.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                switch (message)
                {
                    case Register r:
                        _queens[r.Queen.QueenId] = r.Queen;
                        break;

                    case Supersede s:
                        bool found = _queens.Remove(s.QueenId);
                        if (found)
                        {
                            _queens[s.Daughter.QueenId] = s.Daughter with { Generation = s.Daughter.Generation + 1 };
                        }

                        s.Reply.SetResult(found);
                        break;

                    case Query q:
                        var matches = new List<QueenRecord>();
                        foreach (var queen in _queens.Values)
                        {
                            if (string.Equals(queen.Line, q.Line, StringComparison.OrdinalIgnoreCase))
                            {
                                matches.Add(queen);
                            }
                        }

                        q.Reply.SetResult(matches);
                        break;
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            _mailbox.Writer.TryComplete();
            await _loop.ConfigureAwait(false);
        }
    }
}
