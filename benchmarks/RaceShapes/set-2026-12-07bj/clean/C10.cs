using System;
using System.Threading;
using System.Threading.Tasks;

namespace Blind62.CableCars.DriveControl
{
    /// <summary>
    /// Circuit breaker around the haul-rope drive controller API. One instance per
    /// station, shared by every gondola's telemetry client. State transitions are
    /// published as immutable snapshots and applied with compare-and-swap.
    /// </summary>
    public sealed class DriveCircuit
    {
        private sealed record Snapshot(bool Open, int Failures, long OpenedAtTicks, bool ProbeInFlight);

        private readonly int _threshold;
        private readonly long _openTicks;
        private Snapshot _state = new(false, 0, 0, false);

        public DriveCircuit(int threshold, TimeSpan openFor)
        {
            _threshold = threshold;
            _openTicks = openFor.Ticks;
        }

        public bool IsOpen => Volatile.Read(ref _state).Open;

        public async Task<T> ExecuteAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            if (!TryEnter(out bool isProbe))
            {
                throw new InvalidOperationException("Drive controller circuit is open.");
            }

            try
            {
                T result = await call(cancellationToken).ConfigureAwait(false);
                Transition(_ => new Snapshot(false, 0, 0, false));
                return result;
            }
            catch (Exception) when (!cancellationToken.IsCancellationRequested)
            {
                Transition(s =>
                {
                    int failures = s.Failures + 1;
                    bool open = isProbe || failures >= _threshold;
                    return open
                        ? new Snapshot(true, failures, Environment.TickCount64 * TimeSpan.TicksPerMillisecond, false)
                        : s with { Failures = failures };
                });
                throw;
            }
        }

        private bool TryEnter(out bool isProbe)
        {
            while (true)
            {
                var current = Volatile.Read(ref _state);
                if (!current.Open)
                {
                    isProbe = false;
                    return true;
                }

                long now = Environment.TickCount64 * TimeSpan.TicksPerMillisecond;
                if (current.ProbeInFlight || now - current.OpenedAtTicks < _openTicks)
                {
                    isProbe = false;
                    return false;
                }

                // let exactly one caller through to test the controller
                var probing = current with { ProbeInFlight = true };
                if (ReferenceEquals(Interlocked.CompareExchange(ref _state, probing, current), current))
                {
                    isProbe = true;
                    return true;
                }
            }
        }

        private void Transition(Func<Snapshot, Snapshot> next)
        {
            while (true)
            {
                var current = Volatile.Read(ref _state);
                var updated = next(current);
                if (ReferenceEquals(Interlocked.CompareExchange(ref _state, updated, current), current))
                {
                    return;
                }
            }
        }
    }
}
