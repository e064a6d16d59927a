using System.Text;

namespace Forklift.Analyzers.Benchmarks;

/// <summary>
/// Writes a deterministic set of realistic C# files: DTOs, services with loops, LINQ, string building, switches and
/// async methods, and in every fourth file a concurrency class with threads, locks (lock, SemaphoreSlim, Monitor),
/// Parallel loops and a few races.
/// </summary>
internal static class SourceSetGenerator
{
    /// <summary>Service methods per file; with the other parts a file is about 420 lines.</summary>
    private const int MethodsPerService = 24;

    public static List<(string Name, string Text)> Generate(int files)
    {
        var result = new List<(string, string)>(files);
        for (var i = 0; i < files; i++)
        {
            result.Add(($"File{i:D4}.cs", GenerateFile(i)));
        }

        return result;
    }

    private static string GenerateFile(int index)
    {
        var random = new Random(index);
        var text = new StringBuilder();
        text.Append($$"""
            using System;
            using System.Collections.Concurrent;
            using System.Collections.Generic;
            using System.Linq;
            using System.Text;
            using System.Threading;
            using System.Threading.Tasks;

            namespace Generated.Area{{index % 20}}.Module{{index}};

            public sealed class Order{{index}}
            {
                public int Id { get; set; }
                public string Customer { get; set; } = "";
                public decimal Amount { get; set; }
                public DateTime Created { get; set; }
                public List<string> Tags { get; } = new();

                public override string ToString() => $"{Id}:{Customer}:{Amount}";

                public override bool Equals(object? obj)
                    => obj is Order{{index}} other && other.Id == Id && other.Customer == Customer && other.Amount == Amount;

                public override int GetHashCode() => HashCode.Combine(Id, Customer, Amount);

                public Order{{index}} WithAmount(decimal amount)
                {
                    var copy = new Order{{index}} { Id = Id, Customer = Customer, Amount = amount, Created = Created };
                    copy.Tags.AddRange(Tags);
                    return copy;
                }
            }

            public class OrderService{{index}}
            {
                private readonly Dictionary<int, Order{{index}}> _orders = new();
                private readonly List<string> _audit = new();
                private int _version;

            """);
        for (var m = 0; m < MethodsPerService; m++)
        {
            text.Append(Method(index, m, random.Next(6)));
        }

        text.Append("}\n");
        if (index % 4 == 0)
        {
            text.Append(ConcurrencyClass(index));
        }

        return text.ToString();
    }

    private static string Method(int file, int method, int shape) => shape switch
    {
        0 => $$"""
                public decimal Total{{method}}(IEnumerable<Order{{file}}> orders, string customer)
                {
                    decimal total = 0;
                    foreach (var order in orders)
                    {
                        if (order.Customer == customer && order.Amount > {{method}})
                        {
                            total += order.Amount;
                        }
                    }

                    return total;
                }

            """,
        1 => $$"""
                public IReadOnlyList<string> Report{{method}}(int top)
                {
                    return _orders.Values
                        .Where(o => o.Amount > {{method}}m)
                        .OrderByDescending(o => o.Amount)
                        .Take(top)
                        .Select(o => $"{o.Customer}: {o.Amount:F2}")
                        .ToList();
                }

            """,
        2 => $$"""
                public string Describe{{method}}(Order{{file}} order)
                {
                    var builder = new StringBuilder();
                    builder.Append(order.Customer).Append(" #").Append(order.Id);
                    foreach (var tag in order.Tags)
                    {
                        builder.Append(' ').Append(tag.ToUpperInvariant());
                    }

                    _audit.Add(builder.ToString());
                    return builder.ToString();
                }

            """,
        3 => $$"""
                public string Classify{{method}}(Order{{file}} order) => order.Amount switch
                {
                    < 10m => "small",
                    < 100m => "medium",
                    < {{1000 + method}}m => "large",
                    _ => order.Tags.Count > 2 ? "tagged" : "huge",
                };

                public bool TryGet{{method}}(int id, out Order{{file}}? order)
                {
                    _version++;
                    return _orders.TryGetValue(id + {{method}}, out order);
                }

            """,
        4 => $$"""
                public async Task<int> Load{{method}}Async(IEnumerable<int> ids, CancellationToken cancellationToken)
                {
                    var loaded = 0;
                    foreach (var id in ids)
                    {
                        await Task.Delay(0, cancellationToken).ConfigureAwait(false);
                        if (!_orders.ContainsKey(id))
                        {
                            _orders[id] = new Order{{file}} { Id = id, Customer = "c" + id, Created = DateTime.UtcNow };
                            loaded++;
                        }
                    }

                    return loaded;
                }

            """,
        _ => $$"""
                public void Validate{{method}}(Order{{file}} order)
                {
                    if (order is null)
                    {
                        throw new ArgumentNullException(nameof(order));
                    }

                    try
                    {
                        checked { _ = order.Id * {{method + 1}}; }
                    }
                    catch (OverflowException exception)
                    {
                        throw new InvalidOperationException("Order id out of range: " + order.Id, exception);
                    }
                }

            """,
    };

    private static string ConcurrencyClass(int index) => $$"""

        public static class Workers{{index}}
        {
            private static readonly object Gate = new object();
            private static int s_processed;
            private static long s_total;
            private static int s_racy;
            private static readonly List<int> s_log = new();

            private static void Record(int value)
            {
                lock (Gate)
                {
                    s_processed++;
                    s_log.Add(value);
                }

                Interlocked.Add(ref s_total, value);
            }

            private static void Bump() => s_racy++;

            private static readonly SemaphoreSlim Throttle = new SemaphoreSlim(4);

            public static async Task<int> ThrottledAsync(int value, CancellationToken cancellationToken)
            {
                await Throttle.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await Task.Delay(0, cancellationToken).ConfigureAwait(false);
                    return value * 3;
                }
                finally
                {
                    Throttle.Release();
                }
            }

            public static bool TryCount()
            {
                if (!Monitor.TryEnter(Gate, 10))
                {
                    return false;
                }

                try
                {
                    s_processed++;
                    return true;
                }
                finally
                {
                    Monitor.Exit(Gate);
                }
            }

            public static int[] Run(int[] items)
            {
                var results = new int[items.Length];
                var bag = new ConcurrentBag<int>();
                Parallel.For(0, items.Length, i =>
                {
                    results[i] = items[i] * 2;
                    bag.Add(items[i]);
                    Record(items[i]);
                });

                var threads = new List<Thread>();
                for (var t = 0; t < 2; t++)
                {
                    var thread = new Thread(() => { Record(t); Bump(); });
                    threads.Add(thread);
                    thread.Start();
                }

                foreach (var thread in threads)
                {
                    thread.Join();
                }

                return results;
            }

            public static async Task<int> SumAsync(int[] items)
            {
                var sum = 0;
                await Task.Run(() => sum = items.Sum());
                var tasks = items.Select(i => Task.Run(() => i * i)).ToArray();
                var squares = await Task.WhenAll(tasks);
                return sum + squares.Sum();
            }
        }

        """;
}
