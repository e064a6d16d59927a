using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.Aquarium.Feeding
{
    public sealed record Tank(string Id, string Species, int RationGrams);

    public sealed record FeedingRoundSummary(int TanksFed, IReadOnlyList<string> MissedTanks, DateTimeOffset CompletedAt);

    public interface IFeedDispenser
    {
        /// <summary>Drives the auger on a tank's dispenser; returns false if the hopper jammed.</summary>
        Task<bool> DispenseAsync(string tankId, int grams, CancellationToken cancellationToken);
    }

    /// <summary>
    /// Runs a feeding round across all display tanks. Dispensers are on separate
    /// controllers so the round drives them all at once.
    /// </summary>
    public sealed class FeedingRoundRunner
    {
        private readonly IFeedDispenser _dispenser;
        private readonly TimeSpan _perTankTimeout;

        public FeedingRoundRunner(IFeedDispenser dispenser, TimeSpan perTankTimeout)
        {
            _dispenser = dispenser;
            _perTankTimeout = perTankTimeout;
        }

        public async Task<FeedingRoundSummary> RunAsync(IReadOnlyList<Tank> tanks, CancellationToken cancellationToken)
        {
            var missed = new List<string>();

            var feeds = tanks.Select(async tank =>
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(_perTankTimeout);

                bool ok;
                try
                {
                    ok = await _dispenser.DispenseAsync(tank.Id, tank.RationGrams, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    ok = false;
                }

                if (!ok)
                {
                    missed.Add(tank.Id);
                }
            });

            await Task.WhenAll(feeds).ConfigureAwait(false);

            return new FeedingRoundSummary(tanks.Count - missed.Count, missed, DateTimeOffset.UtcNow);
        }
    }
}
