using System.Diagnostics;

namespace Tailspin.Tools.LoadGen
{
    public sealed record WorkerResult(int WorkerId, int Requests, int Errors, TimeSpan WorstLatency);

    /// <summary>
    /// Tiny closed-loop load generator for smoke-testing an endpoint. The run is
    /// configured first, then a fixed number of worker threads hammer the targets
    /// for the configured duration.
    /// </summary>
    public sealed class LoadRun
    {
        private Uri[] _targets = Array.Empty<Uri>();
        private TimeSpan _duration;
        private int _workers;
        private HttpClient? _client;
        private WorkerResult[] _results = Array.Empty<WorkerResult>();

        public void Configure(IEnumerable<Uri> targets, int workers, TimeSpan duration, HttpClient client)
        {
            _targets = targets.ToArray();
            _workers = workers;
            _duration = duration;
            _client = client;
            _results = new WorkerResult[workers];
        }

        public IReadOnlyList<WorkerResult> Execute()
        {
            var threads = new Thread[_workers];
            for (var i = 0; i < threads.Length; i++)
            {
                var workerId = i;
                threads[i] = new Thread(() => WorkerLoop(workerId)) { Name = $"loadgen-{workerId}" };
            }

            foreach (var t in threads)
            {
                t.Start();
            }
            foreach (var t in threads)
            {
                t.Join();
            }

            return _results;
        }

        private void WorkerLoop(int workerId)
        {
            var deadline = Stopwatch.GetTimestamp() + (long)(_duration.TotalSeconds * Stopwatch.Frequency);
            var requests = 0;
            var errors = 0;
            var worst = TimeSpan.Zero;
            var targetIndex = workerId % _targets.Length;

            while (Stopwatch.GetTimestamp() < deadline)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = _client!.GetAsync(_targets[targetIndex]).GetAwaiter().GetResult();
                    if (!response.IsSuccessStatusCode)
                    {
                        errors++;
                    }
                }
                catch (HttpRequestException)
                {
                    errors++;
                }

                requests++;
                var latency = Stopwatch.GetElapsedTime(started);
                if (latency > worst)
                {
                    worst = latency;
                }
                targetIndex = (targetIndex + 1) % _targets.Length;
            }

            _results[workerId] = new WorkerResult(workerId, requests, errors, worst);
        }
    }
}
