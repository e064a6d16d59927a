using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// A class that a hosted service's constructor takes and a request handler takes too is one instance shared by the
/// service's loop and every request, even where its registration is out of sight (set aw R10: a monitor's loop
/// refreshing a board of mat health in a plain dictionary that minimal-API endpoints read). A class only the hosted
/// service takes, or only handlers take, declares nothing: it may be a new object for each.
/// </summary>
public class InjectedSingletonTests
{
    /// <summary>The endpoint-mapping call, matched by its name as the hosting package's is.</summary>
    private const string Endpoints = """

        public sealed class RouteBuilder { }

        public static class EndpointRouteBuilderExtensions
        {
            public static RouteBuilder MapGet(this RouteBuilder app, string pattern, System.Delegate handler) => app;
        }
        """;

    private const string Board = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.Hosting;

        public sealed class MatBoard
        {
            private readonly Dictionary<string, double> _signal = new();

            internal void Apply(string mat, double db) => SIGNAL_STORE;

            public bool TryGet(string mat, out double db) => _signal.TryGetValue(mat, out db);
        }

        public sealed class MatMonitor : BackgroundService
        {
            private readonly MatBoard _board;

            public MatMonitor(MatBoard board) => _board = board;

            protected override async Task ExecuteAsync(CancellationToken stoppingToken)
            {
                while (!stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(5000, stoppingToken);
                    _board.Apply("finish", -40);
                }
            }
        }

        """;

    private const string Handler = """

        public static class CourseEndpoints
        {
            public static void Map(RouteBuilder app)
                => app.MapGet("/mats/{id}", (string id, MatBoard board) => board.TryGet(id, out var db) ? db : double.NaN);
        }
        """;

    [Fact]
    public Task Class_taken_by_a_hosted_service_and_an_endpoint_is_one_instance_both_use()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Board.Replace("SIGNAL_STORE", "[|_signal[mat] = db|]") + Handler + Endpoints + HostedServiceLoopTests.Hosting);

    [Fact]
    public Task The_message_names_the_hosted_service_and_the_handler()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Board.Replace("SIGNAL_STORE", "{|#0:_signal[mat] = db|}") + Handler + Endpoints + HostedServiceLoopTests.Hosting,
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation("/0/Test0.cs", 7, 21)
                .WithArguments("_signal", "Dictionary<string, double>", "Apply",
                    "'Apply' may run on several threads at once: 'MatBoard' is taken by the hosted service 'MatMonitor' and by a request handler (Test0.cs, line 35), so the service's loop and every request share one instance"));

    [Fact]
    public Task Class_only_the_hosted_service_takes_declares_nothing()
        => SharedStateSilence.VerifyNoRaceAsync(Board.Replace("SIGNAL_STORE", "_signal[mat] = db") + Endpoints + HostedServiceLoopTests.Hosting);

    [Fact]
    public Task Class_only_endpoints_take_declares_nothing()
        => SharedStateSilence.VerifyNoRaceAsync(
            Board.Replace("SIGNAL_STORE", "_signal[mat] = db").Replace(": BackgroundService", string.Empty).Replace("protected override", "public")
            + Handler + Endpoints + HostedServiceLoopTests.Hosting);
}
