// Corpus for the analyzer robustness test: realistic [Parallel] code, valid and invalid, that every FL3xxx analyzer
// visits. The attributes are declared here so the file needs no reference to the runtime.
using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Forklift
{
    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class ParallelAttribute : Attribute
    {
        public int TimeoutMilliseconds { get; set; }
        public int ChunkSize { get; set; }
        public int MaxRetries { get; set; }
    }

    [AttributeUsage(AttributeTargets.Method, Inherited = false, AllowMultiple = false)]
    public sealed class WorkerInitializerAttribute : Attribute
    {
    }
}

namespace Corpus.Parallel
{
    using Forklift;

    public enum Kind { A, B }

    public sealed record Line(string Sku, int Quantity, decimal Price);

    public sealed record Order(Guid Id, Kind Kind, List<Line> Lines, Dictionary<string, int[]>? Tags)
    {
        public DateTimeOffset? ShippedAt { get; init; }
        public decimal Total => 0m;
    }

    public sealed record Node(string Name, List<Node> Children);

    public sealed record WithStream(int Id, Stream Body);

    public static partial class Work
    {
        private static int s_calls;
        private static string? s_connection;

        [WorkerInitializer]
        public static void Connect() => s_connection = "worker";

        [Parallel(TimeoutMilliseconds = 1000, ChunkSize = 8, MaxRetries = 1)]
        public static int Count(int from, int to) => to - from;

        [Parallel]
        public static async Task<decimal> TotalAsync(Order order, IProgress<int> progress, CancellationToken cancellationToken)
        {
            await Task.Yield();
            progress.Report(order.Lines.Count);
            return order.Total;
        }

        [Parallel]
        public static ValueTask<ImmutableArray<int>> Squares(int[] values) => new(ImmutableArray.Create(values));

        [Parallel]
        public static int Track(int x) => Interlocked.Increment(ref s_calls) + x + (s_connection?.Length ?? 0);

        [Parallel]
        public static int Cyclic(Node node) => node.Children.Count;

        [Parallel]
        public static int Streams(WithStream value) => value.Id;

        [Parallel]
        public static int ByRef(ref int value, Span<byte> data) => value;

        [Parallel]
        public int Instance(int x) => x;

        [Parallel]
        public static T Generic<T>(T value) => value;

        [Parallel]
        public static int Collides(int x) => x;

        public static int CollidesAsync() => 0;

        public static int Local()
        {
            return Inner(1);

            [Parallel]
            static int Inner(int x) => x;
        }
    }

    public static class NotPartial
    {
        [Parallel]
        public static int Count(int x) => x;
    }
}
