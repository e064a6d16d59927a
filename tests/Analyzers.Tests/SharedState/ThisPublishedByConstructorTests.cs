using Verify = Forklift.Analyzers.Tests.Verifiers.CSharpCodeFixVerifier<Forklift.Analyzers.SharedState.PublishedBeforeFilledAnalyzer, Forklift.CodeFixes.SharedState.PublishedBeforeFilledCodeFix>;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>
/// FL1007 (set az R09): a constructor hands <c>this</c> to a hub that keeps it in static state read by the work the hub
/// starts, and only then sets a field the object's other members read.
/// </summary>
public class ThisPublishedByConstructorTests
{
    [Fact]
    public Task Constructor_that_registers_itself_with_running_work_before_setting_its_fields()
        => Verify.VerifyAnalyzerAsync(Source("""
                Name = name;
                {|#0:Hub.Register(this)|};
                {|#1:_zone = zone|};
            """),
            Verify.Diagnostic().WithLocation(0).WithLocation(1).WithLocation(2).WithArguments(
                "Face",
                "its constructor passes 'this' to 'Hub.Register', which keeps it in static state, and sets '_zone' only after that (line 36); the work 'Hub' starts",
                9));

    /// <summary>Registering last, after every field is set, publishes a finished object.</summary>
    [Fact]
    public Task Constructor_that_registers_itself_last_is_silent()
        => Verify.VerifyAnalyzerAsync(Source("""
                Name = name;
                _zone = zone;
                Hub.Register(this);
            """));

    /// <summary>A field set after the call that no other member reads cannot be seen half-set.</summary>
    [Fact]
    public Task Field_set_after_the_registration_that_nothing_else_reads_is_silent()
        => Verify.VerifyAnalyzerAsync(Source("""
                Name = name;
                _zone = zone;
                Hub.Register(this);
                _created = 1;
            """));

    /// <summary>A registry that starts no work of its own is read by its callers, on their own threads, after the constructor returns.</summary>
    [Fact]
    public Task Registry_that_starts_no_work_is_silent()
        => Verify.VerifyAnalyzerAsync(Source("""
                Name = name;
                Hub.Register(this);
                _zone = zone;
            """).Replace("{|#2:Task.Run(RunAsync)|}", "Task.CompletedTask"));

    private static string Source(string body) => $$"""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;

        public static class Hub
        {
            private static readonly ConcurrentDictionary<string, Face> Faces = new();
            private static readonly Lazy<Task> Loop = new(() => {|#2:Task.Run(RunAsync)|});

            public static void Register(Face face)
            {
                Faces[face.Name] = face;
                _ = Loop.Value;
            }

            private static async Task RunAsync()
            {
                using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
                while (await timer.WaitForNextTickAsync())
                {
                    foreach (var face in Faces.Values) { face.Advance(DateTime.UtcNow); }
                }
            }
        }

        public sealed class Face
        {
            private readonly TimeZoneInfo _zone;
            private readonly int _created;

            public Face(string name, TimeZoneInfo zone)
            {
                {{body}}
            }

            public string Name { get; }

            public int Created => 0;

            internal DateTime Advance(DateTime utcNow) => TimeZoneInfo.ConvertTimeFromUtc(utcNow, _zone);
        }
        """;
}
