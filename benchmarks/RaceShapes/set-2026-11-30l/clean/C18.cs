using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Printworks.Spooler
{
    public enum JobState { Queued, Rendering, Printing, Done, Failed }

    public sealed record PrintJob(Guid Id, string DocumentPath, int Copies, string PrinterName);

    public interface IPrinterDriver
    {
        void Render(PrintJob job);
        void Print(PrintJob job);
    }

    /// <summary>
    /// Spools print jobs submitted from any application thread to one printer worker thread.
    /// Status queries come from the print-queue window and the tray icon.
    /// </summary>
    public sealed class PrintSpooler : IDisposable
    {
        private readonly BlockingCollection<PrintJob> _queue = new(new ConcurrentQueue<PrintJob>(), boundedCapacity: 256);
        private readonly ConcurrentDictionary<Guid, JobState> _states = new();
        private readonly IPrinterDriver _driver;
        private readonly Thread _worker;
        private int _completed;
        private int _failed;

        public PrintSpooler(IPrinterDriver driver)
        {
            _driver = driver;
            _worker = new Thread(Run) { IsBackground = true, Name = "print-spooler" };
            _worker.Start();
        }

        public Guid Submit(string documentPath, int copies, string printerName)
        {
            var job = new PrintJob(Guid.NewGuid(), documentPath, Math.Max(1, copies), printerName);
            _states[job.Id] = JobState.Queued;
            _queue.Add(job);
            return job.Id;
        }

        public JobState? GetState(Guid jobId) => _states.TryGetValue(jobId, out var state) ? state : null;

        public int CompletedJobs => Volatile.Read(ref _completed);

        public int FailedJobs => Volatile.Read(ref _failed);

        public int QueueLength => _queue.Count;

        private void Run()
        {
            foreach (var job in _queue.GetConsumingEnumerable())
            {
                try
                {
                    _states[job.Id] = JobState.Rendering;
                    _driver.Render(job);
                    _states[job.Id] = JobState.Printing;
                    for (int copy = 0; copy < job.Copies; copy++)
                        _driver.Print(job);
                    _states[job.Id] = JobState.Done;
                    Interlocked.Increment(ref _completed);
                }
                catch (Exception)
                {
                    _states[job.Id] = JobState.Failed;
                    Interlocked.Increment(ref _failed);
                }
            }
        }

        public void Dispose()
        {
            _queue.CompleteAdding();
            _worker.Join();
            _queue.Dispose();
        }
    }
}
