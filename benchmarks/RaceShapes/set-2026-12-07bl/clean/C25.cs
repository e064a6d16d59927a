using System.Threading.Channels;
using Microsoft.Extensions.Hosting;

namespace Blind64.Saltworks.Crystallisers
{
    public sealed record PanReading(string Pan, double BrineDensity, DateTimeOffset At);

    public interface IPanGauge
    {
        Task<PanReading> ReadAsync(string pan, CancellationToken ct);
    }

    /// <summary>
    /// Samples the crystalliser pans on a schedule and on demand. The pan manager's
    /// "sample now" button gets the fresh readings back once they are in.
    /// </summary>
    public sealed class PanSamplingService : BackgroundService
    {
        private readonly IPanGauge _gauge;
        private readonly string[] _pans;
        private readonly Channel<TaskCompletionSource<IReadOnlyList<PanReading>>> _requests =
            Channel.CreateUnbounded<TaskCompletionSource<IReadOnlyList<PanReading>>>(new UnboundedChannelOptions { SingleReader = true });
        private readonly Dictionary<string, List<PanReading>> _history = new();

        public PanSamplingService(IPanGauge gauge, IEnumerable<string> pans)
        {
            _gauge = gauge;
            _pans = pans.ToArray();
        }

        public Task<IReadOnlyList<PanReading>> SampleNowAsync()
        {
            var tcs = new TaskCompletionSource<IReadOnlyList<PanReading>>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (!_requests.Writer.TryWrite(tcs))
            {
                tcs.SetException(new InvalidOperationException("Sampler is stopped."));
            }

            return tcs.Task;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMinutes(20));
            var tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
            try
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    var request = _requests.Reader.WaitToReadAsync(stoppingToken).AsTask();
                    var fired = await Task.WhenAny(tick, request);
                    if (fired == tick)
                    {
                        await tick;
                        await SampleAllAsync(stoppingToken);
                        tick = timer.WaitForNextTickAsync(stoppingToken).AsTask();
                        continue;
                    }

                    while (_requests.Reader.TryRead(out var tcs))
                    {
                        tcs.TrySetResult(await SampleAllAsync(stoppingToken));
                    }
                }
            }
            finally
            {
                _requests.Writer.TryComplete();
                while (_requests.Reader.TryRead(out var pending))
                {
                    pending.TrySetCanceled();
                }
            }
        }

        private async Task<IReadOnlyList<PanReading>> SampleAllAsync(CancellationToken ct)
        {
            var readings = new List<PanReading>(_pans.Length);
            foreach (var pan in _pans)
            {
                var reading = await _gauge.ReadAsync(pan, ct);
                if (!_history.TryGetValue(pan, out var list))
                {
                    _history[pan] = list = new List<PanReading>();
                }

                list.Add(reading);
                readings.Add(reading);
            }

            return readings;
        }
    }
}
