using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Blind62.Falconry.FlightLog
{
    public sealed record FlightEvent(string Bird, string Falconer, TimeSpan Duration, bool ReturnedToFist, DateTimeOffset At);

    public sealed record BirdFlightSummary(string Bird, int Flights, TimeSpan TotalAirTime, int Refusals);

    /// <summary>
    /// Collects flight events posted by the falconers' phones and keeps a running
    /// summary per bird. Singleton + hosted service: endpoints call <see cref="Post"/>
    /// and <see cref="Summaries"/>; the background loop is the only code that folds
    /// events into the summary table.
    /// </summary>
    public sealed class FlightLogAggregator : BackgroundService
    {
        private readonly Channel<FlightEvent> _events = Channel.CreateBounded<FlightEvent>(
            new BoundedChannelOptions(1024) { SingleReader = true, FullMode = BoundedChannelFullMode.DropOldest });

        private readonly Dictionary<string, BirdFlightSummary> _working = new(StringComparer.OrdinalIgnoreCase);

        private ImmutableDictionary<string, BirdFlightSummary> _published =
            ImmutableDictionary<string, BirdFlightSummary>.Empty;

        public bool Post(FlightEvent flight) => _events.Writer.TryWrite(flight);

        public IReadOnlyDictionary<string, BirdFlightSummary> Summaries => Volatile.Read(ref _published);

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            var reader = _events.Reader;
            while (await reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                bool changed = false;
                while (reader.TryRead(out var flight))
                {
                    _working.TryGetValue(flight.Bird, out var summary);
                    summary ??= new BirdFlightSummary(flight.Bird, 0, TimeSpan.Zero, 0);
                    _working[flight.Bird] = summary with
                    {
                        Flights = summary.Flights + 1,
                        TotalAirTime = summary.TotalAirTime + flight.Duration,
                        Refusals = summary.Refusals + (flight.ReturnedToFist ? 0 : 1),
                    };
                    changed = true;
                }

                if (changed)
                {
                    Volatile.Write(ref _published, _working.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase));
                }
            }
        }

        public override Task StopAsync(CancellationToken cancellationToken)
        {
            _events.Writer.TryComplete();
            return base.StopAsync(cancellationToken);
        }
    }
}
