using Microsoft.Extensions.Hosting;
using System.Threading.Channels;

namespace CommunityRadio.Donations
{
    public sealed record Pledge(string DonorName, decimal Amount, string ShowName, DateTimeOffset ReceivedAt);

    /// <summary>
    /// Running totals for the on-air pledge drive. Registered as a singleton;
    /// the studio dashboard endpoints and the pledge processor share it.
    /// </summary>
    public sealed class PledgeDriveTotals
    {
        private readonly object _sync = new();
        private decimal _raised;
        private int _pledgeCount;
        private readonly Dictionary<string, decimal> _byShow = new(StringComparer.OrdinalIgnoreCase);

        public void Record(Pledge pledge)
        {
            lock (_sync)
            {
                _raised += pledge.Amount;
                _pledgeCount++;
                _byShow.TryGetValue(pledge.ShowName, out var current);
                _byShow[pledge.ShowName] = current + pledge.Amount;
            }
        }

        public (decimal Raised, int Count) Snapshot()
        {
            lock (_sync)
            {
                return (_raised, _pledgeCount);
            }
        }

        public decimal RaisedForShow(string show)
        {
            lock (_sync)
            {
                return _byShow.TryGetValue(show, out var v) ? v : 0m;
            }
        }

        /// <summary>
        /// Called by the station manager from the dashboard when a new drive starts.
        /// </summary>
        public void StartNewDrive()
        {
            _raised = 0m;
            _pledgeCount = 0;
            lock (_sync)
            {
                _byShow.Clear();
            }
        }
    }

    /// <summary>
    /// Drains pledges taken by the phone volunteers and applies them to the totals.
    /// </summary>
    public sealed class PledgeProcessor : BackgroundService
    {
        private readonly ChannelReader<Pledge> _incoming;
        private readonly PledgeDriveTotals _totals;

        public PledgeProcessor(ChannelReader<Pledge> incoming, PledgeDriveTotals totals)
        {
            _incoming = incoming;
            _totals = totals;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            await foreach (var pledge in _incoming.ReadAllAsync(stoppingToken))
            {
                if (pledge.Amount <= 0m)
                {
                    continue;
                }

                _totals.Record(pledge);
            }
        }
    }

    /// <summary>
    /// Minimal-API style handlers for the studio dashboard.
    /// </summary>
    public static class DashboardEndpoints
    {
        public static object GetTotals(PledgeDriveTotals totals)
        {
            var (raised, count) = totals.Snapshot();
            return new { raised, count };
        }

        public static void ResetDrive(PledgeDriveTotals totals) => totals.StartNewDrive();
    }
}
