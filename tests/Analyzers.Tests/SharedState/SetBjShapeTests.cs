using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// The shapes blind set bj (session 64) found missing, minimized (#9): a minimal-API endpoint whose handler, run by
/// every request at once, fills a static <c>StringBuilder</c> through a formatter it calls; a thread per sorter lane
/// whose idle lane steals from another lane's plain queue. Also set f's R14, of the same family (code that owns one
/// element of a collection reaching the others): a parallel step that moves its own body while measuring its distance
/// to the others.
/// </summary>
public class SetBjShapeTests
{
    /// <summary>The endpoint-mapping call, matched by its name as the hosting package's is.</summary>
    private const string Endpoints = """

        namespace Microsoft.AspNetCore.Builder
        {
            public sealed class RouteBuilder { }

            public static class EndpointRouteBuilderExtensions
            {
                public static RouteBuilder MapGet(this RouteBuilder app, string pattern, System.Delegate handler) => app;
                public static RouteBuilder MapPost(this RouteBuilder app, string pattern, System.Delegate handler) => app;
            }
        }
        """;

    private static string Receipts(string format) => $$"""
        using System.Text;
        using Microsoft.AspNetCore.Builder;

        public sealed record FareReceipt(string ReceiptNo, string Rider, decimal Fare);

        public static class FareReceiptFormatter
        {
            private static readonly StringBuilder Buffer = new(512);

            public static string Format(FareReceipt receipt)
            {
        {{format}}
            }
        }

        public static class ReceiptEndpoints
        {
            public static RouteBuilder MapReceiptEndpoints(this RouteBuilder app)
            {
                {|#2:app.MapGet("/receipts/{receiptNo}", (string receiptNo) => FareReceiptFormatter.Format(new FareReceipt(receiptNo, "r", 1m)))|};
                return app;
            }
        }
        """ + Endpoints;

    /// <summary>Set bj R12: every request runs the handler; two at once clear and fill one builder.</summary>
    [Fact]
    public Task A_static_builder_filled_by_the_handler_of_a_minimal_API_endpoint_is_flagged()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Receipts("""
                    {|#0:Buffer.Clear()|};
                    {|#1:Buffer.Append("Receipt ")|}.Append(receipt.ReceiptNo).AppendLine();
                    return Buffer.ToString();
            """),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(2)
                .WithArguments("Buffer", "StringBuilder", "Format", "'Format' runs on several threads (started at line 22)"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(1).WithLocation(2)
                .WithArguments("Buffer", "StringBuilder", "Format", "'Format' runs on several threads (started at line 22)"));

    /// <summary>A builder per call, or one that the formatter locks, is not shared by two requests at once.</summary>
    [Theory]
    [InlineData("var buffer = new StringBuilder(); buffer.Append(receipt.ReceiptNo); return buffer.ToString();")]
    [InlineData("lock (Buffer) { Buffer.Clear(); Buffer.Append(receipt.ReceiptNo); return Buffer.ToString(); }")]
    public Task A_builder_per_call_or_under_a_lock_is_silent(string format)
        => SharedStateSilence.VerifyNoRaceAsync(Receipts(format));

    private static string World(string step) => $$"""
        using System.Collections.Generic;
        using System.Numerics;
        using System.Threading.Tasks;

        public sealed class Body
        {
            public float Radius { get; init; }
            public Vector2 Position;
            public Vector2 Velocity;
        }

        public sealed class PhysicsWorld
        {
            private readonly List<Body> _bodies = new();

            public void Step(float dt)
            {
                var bodies = _bodies;
                {|#1:Parallel.For(0, bodies.Count, i =>
                {
                    var body = bodies[i];
                    var velocity = body.Velocity;
                    for (var j = 0; j < bodies.Count; j++)
                    {
                        if (j == i) continue;
                        var other = bodies[j];
        {{step}}
                })|};
            }
        }
        """;

    /// <summary>Set f R14: iteration i moves body i while iteration j reads its position.</summary>
    [Fact]
    public Task A_parallel_step_that_moves_its_own_element_while_reading_the_others_is_flagged()
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(
            World("""
                            velocity += (body.Position - other.Position) * 0.1f;
                        }

                        body.Velocity = velocity;
                        {|#0:body.Position += velocity * dt|};
            """),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("Position", "Step", "'Step' runs on several threads (started at line 19)"));

    /// <summary>
    /// Reading only the others' members that no iteration writes, or the own element's, or writing the new positions
    /// into an array of its own: each iteration's stores stay its own.
    /// </summary>
    [Theory]
    [InlineData("velocity += new Vector2(other.Radius, 0); } body.Position += velocity * dt;")]
    [InlineData("velocity += body.Position * 0.1f; } body.Position += velocity * dt;")]
    [InlineData("velocity += other.Velocity * 0.1f; } body.Position += velocity * dt;")]
    public Task Stores_that_no_read_of_another_element_meets_are_silent(string step)
        => SharedStateSilence.VerifyNoRaceAsync(World(step));

    /// <summary>Set f C14: a struct element copied into a local is the iteration's copy; stores into it touch nothing shared.</summary>
    [Fact]
    public Task A_struct_element_copied_into_a_local_and_stored_into_is_silent()
        => SharedStateSilence.VerifyNoRaceAsync("""
            using System.Numerics;
            using System.Threading.Tasks;

            public struct Particle
            {
                public Vector2 Position;
                public Vector2 Velocity;
            }

            public sealed class ParticleField
            {
                private Particle[] _current = new Particle[8];
                private Particle[] _next = new Particle[8];

                public void Step(float dt)
                {
                    var current = _current;
                    var next = _next;
                    Parallel.For(0, current.Length, i =>
                    {
                        var self = current[i];
                        for (var j = 0; j < current.Length; j++)
                        {
                            if (j != i) self.Velocity += self.Position - current[j].Position;
                        }

                        self.Position += self.Velocity * dt;
                        next[i] = self;
                    });

                    _current = next;
                    _next = current;
                }
            }
            """);

    private static string Floor(string queue, string steal, string take) => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;

        public sealed class SorterLane
        {
            private readonly {{queue}} _local = new();
            private readonly SortingFloor _floor;

            public SorterLane(SortingFloor floor) => _floor = floor;

            internal int Backlog => _local.Count;

            internal bool TryStealFrom(SorterLane victim, out string batch)
            {
        {{steal}}
            }

            internal void Run(Func<string?> hopper, CancellationToken ct)
            {
                while (!ct.IsCancellationRequested)
                {
                    if (hopper() is { } arrived)
                    {
                        {{take}}
                    }

                    _floor.TrySteal(this, out _);
                }
            }
        }

        public sealed class SortingFloor
        {
            private readonly List<SorterLane> _lanes = new();

            public void Add(SorterLane lane) => _lanes.Add(lane);

            internal bool TrySteal(SorterLane thief, out string batch)
            {
                foreach (var lane in _lanes)
                {
                    if (!ReferenceEquals(lane, thief) && thief.TryStealFrom(lane, out batch))
                    {
                        return true;
                    }
                }

                batch = "";
                return false;
            }

            public void Start(Func<string?> hopper, CancellationToken ct)
            {
                foreach (var lane in _lanes)
                {
                    {|#1:new Thread(() => lane.Run(hopper, ct))|}.Start();
                }
            }
        }
        """;

    /// <summary>Set bj R14: each lane's thread owns its queue, and an idle lane's thread dequeues from another's.</summary>
    [Fact]
    public Task A_lane_thread_that_takes_from_another_lanes_plain_queue_is_flagged()
        => CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.VerifyAnalyzerAsync(
            Floor(
                "Queue<string>",
                """
                        if (victim.Backlog > 1 && {|#0:victim._local.TryDequeue(out var stolen)|})
                        {
                            batch = stolen;
                            return true;
                        }

                        batch = "";
                        return false;
                """,
                "{|#2:_local.Enqueue(arrived)|};"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(0).WithLocation(1)
                .WithArguments("_local", "Queue<string>", "TryStealFrom", "'TryStealFrom' runs on several threads (started at line 65)"),
            CSharpAnalyzerVerifier<CollectionMutatedConcurrentlyAnalyzer>.Diagnostic().WithLocation(2).WithLocation(1)
                .WithArguments("_local", "Queue<string>", "Run", "'Run' runs on several threads (started at line 65)"));

    /// <summary>
    /// A concurrent queue, a lock on the queue for the owner's changes and the thief's, or a lane that looks at its own
    /// backlog only: no lane's thread touches another's plain queue while its owner changes it.
    /// </summary>
    [Theory]
    [InlineData("ConcurrentQueue<string>", "if (victim._local.TryDequeue(out var stolen)) { batch = stolen; return true; } batch = \"\"; return false;", "_local.Enqueue(arrived);")]
    [InlineData("Queue<string>", "lock (victim._local) { if (victim._local.TryDequeue(out var stolen)) { batch = stolen; return true; } } batch = \"\"; return false;", "lock (_local) { _local.Enqueue(arrived); }")]
    [InlineData("Queue<string>", "batch = \"\"; return Backlog > 1 && victim != this;", "_local.Enqueue(arrived);")]
    public Task Queues_that_no_other_lane_changes_unguarded_are_silent(string queue, string steal, string take)
        => SharedStateSilence.VerifyNoRaceAsync(Floor(queue, steal, take));
}
