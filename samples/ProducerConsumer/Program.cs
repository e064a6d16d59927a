using ProducerConsumer;

static void Log(string line) => Console.WriteLine(line);

// Run 1: everything produced is consumed; the writer completes and the consumers drain the channel and exit.
Console.WriteLine($"== run 1: 3 producers x 20 items, 2 consumers, channel capacity {Pipeline.Capacity}");
PipelineReport full = await Pipeline.RunAsync(producers: 3, itemsPerProducer: 20, consumers: 2, TimeSpan.FromMilliseconds(2), Log, CancellationToken.None);
Print(full);

// Run 2: cancelled part-way. Producers stop; what is already in the channel is still consumed, nothing is lost.
Console.WriteLine();
Console.WriteLine("== run 2: 3 producers x 1000 items, cancelled after 300 ms");
using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
PipelineReport cancelled = await Pipeline.RunAsync(producers: 3, itemsPerProducer: 1000, consumers: 2, TimeSpan.FromMilliseconds(5), Log, cancellation.Token);
Print(cancelled);

static void Print(PipelineReport report)
{
    Console.WriteLine($"produced {report.Produced}, consumed {report.Consumed}, most queued at once {report.MaxQueued} (capacity {Pipeline.Capacity}), cancelled: {(report.Cancelled ? "yes" : "no")}");
    Console.WriteLine(report.Produced == report.Consumed
        ? "clean shutdown: every produced item was consumed"
        : $"NOT clean: {report.Produced - report.Consumed} items lost");
}
