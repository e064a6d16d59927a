using System.Collections.Concurrent;

namespace Blind38.Letterpress.Pressroom;

public sealed class PrintJob
{
    public PrintJob(string title, IReadOnlyList<string> forms)
    {
        Title = title;
        Forms = forms;
    }

    public string Title { get; }
    public IReadOnlyList<string> Forms { get; }
    public int Copies { get; set; } = 1;
    public string PaperStock { get; init; } = "cotton 300gsm";
}

/// <summary>
/// The pressroom's job queue. The front office submits jobs; a single press operator
/// thread takes them in order and drives the platen press.
/// </summary>
public sealed class PressQueue : IDisposable
{
    private readonly BlockingCollection<PrintJob> _jobs = new(boundedCapacity: 32);
    private readonly Thread _operator;
    private readonly Action<string, string, int> _runForm;
    private long _impressions;

    public PressQueue(Action<string, string, int> runForm)
    {
        _runForm = runForm;
        _operator = new Thread(OperateLoop) { IsBackground = true, Name = "platen-operator" };
        _operator.Start();
    }

    public long Impressions => Interlocked.Read(ref _impressions);

    public void SubmitBroadside(string title, IReadOnlyList<string> forms, int requestedCopies, bool isPosterRun)
    {
        var job = new PrintJob(title, forms)
        {
            PaperStock = isPosterRun ? "newsprint 90gsm" : "cotton 300gsm",
        };

        _jobs.Add(job);

        if (isPosterRun)
        {
            // Poster runs are printed in full; everything else starts as a single proof.
            job.Copies = requestedCopies;
        }
    }

    private void OperateLoop()
    {
        foreach (var job in _jobs.GetConsumingEnumerable())
        {
            var copies = job.Copies;
            foreach (var form in job.Forms)
            {
                _runForm(form, job.PaperStock, copies);
                Interlocked.Add(ref _impressions, copies);
            }
        }
    }

    public void Dispose()
    {
        _jobs.CompleteAdding();
        _operator.Join();
        _jobs.Dispose();
    }
}
