using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace CommunityRadio.Pledges
{
    public sealed record PledgeReceived(string Donor, decimal Amount, string Show);

    /// <summary>
    /// Owns the pledge-drive totals. All reads and writes go through the
    /// command channel and are applied by the single background loop.
    /// Registered as a singleton and as a hosted service.
    /// </summary>
    public sealed class PledgeLedgerService : BackgroundService
    {
        private abstract record Command;
        private sealed record AddPledge(PledgeReceived Pledge) : Command;
        private sealed record QueryTotals(TaskCompletionSource<(decimal Raised, int Count)> Reply) : Command;
        private sealed record ResetDrive(TaskCompletionSource Reply) : Command;

        private readonly Channel<Command> _commands = Channel.CreateUnbounded<Command>(new UnboundedChannelOptions { SingleReader = true });
        private decimal _raised;
        private int _count;
        private readonly Dictionary<string, decimal> _byShow = new(StringComparer.OrdinalIgnoreCase);

        public bool Submit(PledgeReceived pledge) => _commands.Writer.TryWrite(new AddPledge(pledge));

        public Task<(decimal Raised, int Count)> GetTotalsAsync()
        {
            var tcs = new TaskCompletionSource<(decimal, int)>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_commands.Writer.TryWrite(new QueryTotals(tcs)))
            {
                tcs.SetException(new InvalidOperationException("Ledger is shutting down."));
            }
            return tcs.Task;
        }

        public Task StartNewDriveAsync()
        {
            var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_commands.Writer.TryWrite(new ResetDrive(tcs)))
            {
                tcs.SetException(new InvalidOperationException("Ledger is shutting down."));
            }
            return tcs.Task;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            try
            {
                await foreach (var command in _commands.Reader.ReadAllAsync(stoppingToken))
                {
                    switch (command)
                    {
                        case AddPledge add when add.Pledge.Amount > 0:
                            _raised += add.Pledge.Amount;
                            _count++;
                            _byShow.TryGetValue(add.Pledge.Show, out var current);
                            _byShow[add.Pledge.Show] = current + add.Pledge.Amount;
                            break;
                        case QueryTotals q:
                            q.Reply.SetResult((_raised, _count));
                            break;
                        case ResetDrive r:
                            _raised = 0;
                            _count = 0;
                            _byShow.Clear();
                            r.Reply.SetResult();
                            break;
                    }
                }
            }
            finally
            {
                _commands.Writer.TryComplete();
                while (_commands.Reader.TryRead(out var leftover))
                {
                    switch (leftover)
                    {
                        case QueryTotals q:
                            q.Reply.TrySetCanceled();
                            break;
                        case ResetDrive r:
                            r.Reply.TrySetCanceled();
                            break;
                    }
                }
            }
        }
    }
}
