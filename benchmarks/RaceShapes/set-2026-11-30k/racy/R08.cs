using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Ledger.Projections
{
    public abstract record DomainEvent(long Sequence, Guid AccountId);

    public sealed record FundsDeposited(long Sequence, Guid AccountId, decimal Amount) : DomainEvent(Sequence, AccountId);

    public sealed record FundsWithdrawn(long Sequence, Guid AccountId, decimal Amount) : DomainEvent(Sequence, AccountId);

    public sealed record AccountClosed(long Sequence, Guid AccountId) : DomainEvent(Sequence, AccountId);

    /// <summary>
    /// Builds the account balance read model from the event stream. The
    /// checkpoint is persisted periodically so that a restart resumes from the
    /// last processed sequence number.
    /// </summary>
    public sealed class BalanceProjection
    {
        private readonly ConcurrentDictionary<Guid, decimal> _balances = new();
        private readonly ConcurrentDictionary<Guid, byte> _closed = new();
        private long _checkpoint;

        public long Checkpoint => Interlocked.Read(ref _checkpoint);

        public decimal BalanceOf(Guid accountId) => _balances.TryGetValue(accountId, out var b) ? b : 0m;

        public bool IsClosed(Guid accountId) => _closed.ContainsKey(accountId);

        public async Task RunAsync(ChannelReader<DomainEvent> reader, int workerCount, CancellationToken cancellationToken)
        {
            var workers = Enumerable.Range(0, workerCount)
                .Select(_ => Task.Run(() => ConsumeAsync(reader, cancellationToken), cancellationToken))
                .ToArray();

            await Task.WhenAll(workers);
        }

        private async Task ConsumeAsync(ChannelReader<DomainEvent> reader, CancellationToken cancellationToken)
        {
            await foreach (var evt in reader.ReadAllAsync(cancellationToken))
            {
                Apply(evt);

                if (evt.Sequence > _checkpoint)
                    _checkpoint = evt.Sequence;
            }
        }

        private void Apply(DomainEvent evt)
        {
            switch (evt)
            {
                case FundsDeposited d:
                    _balances.AddOrUpdate(d.AccountId, d.Amount, (_, current) => current + d.Amount);
                    break;
                case FundsWithdrawn w:
                    _balances.AddOrUpdate(w.AccountId, -w.Amount, (_, current) => current - w.Amount);
                    break;
                case AccountClosed c:
                    _closed.TryAdd(c.AccountId, 0);
                    break;
            }
        }
    }
}
