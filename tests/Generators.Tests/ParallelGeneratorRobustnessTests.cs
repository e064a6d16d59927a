using Microsoft.CodeAnalysis;

namespace Forklift.Generators.Tests;

/// <summary>The generator runs on every keystroke in an IDE: it must never throw on half-written code.</summary>
public sealed class ParallelGeneratorRobustnessTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Forklift;

        namespace MyApp;

        public enum Status : byte { Open, Shipped }

        public sealed record Line(string Sku, int Quantity, decimal Price);

        public sealed record Order(Guid Id, Status Status, List<Line> Lines)
        {
            public DateTimeOffset? ShippedAt { get; init; }
        }

        public static partial class Billing
        {
            [WorkerInitializer]
            public static Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

            [Parallel(TimeoutMilliseconds = 100)]
            public static async Task<decimal> TotalAsync(Order order, IProgress<int> progress, CancellationToken cancellationToken)
            {
                await Task.Yield();
                return 0m;
            }

            [Parallel]
            public static (int, string?) Pair(int[] values, Dictionary<string, Line> lines) => (values.Length, null);
        }
        """;

    [Fact]
    public void EveryPrefixOfASourceFileIsHandled()
    {
        GeneratorDriver driver = GeneratorHarness.CreateDriver();
        for (int length = 0; length <= Source.Length; length += 23)
        {
            driver = driver.RunGenerators(GeneratorHarness.CreateCompilation(Source[..length]));
            GeneratorRunResult result = driver.GetRunResult().Results.Single();
            Assert.True(result.Exception is null, $"Prefix of {length} characters: {result.Exception}");
            Assert.Empty(result.Diagnostics);
        }
    }
}
