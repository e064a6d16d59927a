using ThreadLocalState;

// 1. [ThreadStatic] with an initializer (FL1004) versus ThreadLocal<T>.
Console.WriteLine("== [ThreadStatic] initializer vs ThreadLocal<T>");
Console.WriteLine($"main thread: [ThreadStatic] retries = {ThreadStaticBudget.RetriesLeft}, ThreadLocal retries = {ThreadLocalBudget.RetriesLeft}");
var readers = new Thread[3];
for (int i = 0; i < readers.Length; i++)
{
    int index = i;
    readers[i] = new Thread(() => Console.WriteLine(
        $"thread {index + 1}: [ThreadStatic] retries = {ThreadStaticBudget.RetriesLeft} (initializer never ran here), ThreadLocal retries = {ThreadLocalBudget.RetriesLeft}"));
    readers[i].Start();
    readers[i].Join();
}

// 2. One connection per thread with ThreadLocal<T>.
Console.WriteLine();
Console.WriteLine("== one connection per thread (ThreadLocal<T>)");
var workers = new Thread[3];
var lines = new string[workers.Length];
for (int i = 0; i < workers.Length; i++)
{
    int index = i;
    workers[i] = new Thread(() =>
    {
        string last = "";
        for (int query = 1; query <= 4; query++)
        {
            last = PerThreadConnection.Current.Query($"select {query}");
        }

        lines[index] = $"thread {index + 1}: 4 queries, last: {last}";
    });
    workers[i].Start();
}

foreach (Thread worker in workers)
{
    worker.Join();
}

foreach (string line in lines)
{
    Console.WriteLine(line);
}

Console.WriteLine($"connections opened and closed: {PerThreadConnection.CloseAll()} for 12 queries on 3 threads");

// 3. Per-request context with AsyncLocal<T>, across awaits that hop threads.
Console.WriteLine();
Console.WriteLine("== per-request context (AsyncLocal<T>)");
string[] results = await Task.WhenAll(
    Task.Run(() => RequestContext.HandleAsync("request-A")),
    Task.Run(() => RequestContext.HandleAsync("request-B")),
    Task.Run(() => RequestContext.HandleAsync("request-C")));
foreach (string result in results)
{
    Console.WriteLine(result);
}

Console.WriteLine($"outside any request: request id = '{RequestContext.RequestId ?? "(none)"}'");
