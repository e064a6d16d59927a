using Forklift.Analyzers.SharedState;
using Forklift.Analyzers.Tests.Verifiers;

namespace Forklift.Analyzers.Tests.SharedState;

/// <summary>A one-object cache in a plain static field, taken by reading it and storing null (set z R16).</summary>
public class StaticCacheTakeTests
{
    private static Task VerifyMutationAsync(string source, params Microsoft.CodeAnalysis.Testing.DiagnosticResult[] expected)
        => CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.VerifyAnalyzerAsync(source, expected);

    private const string Cache = """
        using System.Text;
        using System.Threading;

        internal static class LabelBuilderCache
        {
            private const int MaxBuilderSize = 512;
            ATTRIBUTE
            private static StringBuilder? s_cached;

            public static StringBuilder Acquire(int capacity = 128)
            {
                if (capacity <= MaxBuilderSize)
                {
                    StringBuilder? sb = s_cached;
                    if (sb != null && capacity <= sb.Capacity)
                    {
                        TAKE;
                        sb.Clear();
                        return sb;
                    }
                }

                return new StringBuilder(capacity);
            }

            public static string GetStringAndRelease(StringBuilder sb)
            {
                string result = sb.ToString();
                if (sb.Capacity <= MaxBuilderSize)
                {
                    s_cached = sb;
                }

                return result;
            }
        }
        """;

    private static string Source(string attribute, string take)
        => "#nullable enable\n" + Cache.Replace("ATTRIBUTE", attribute).Replace("TAKE", take);

    [Fact]
    public Task Builder_cache_in_a_plain_static_field_is_taken_without_exchange()
        => VerifyMutationAsync(Source("", "{|#0:s_cached = null|}").Replace("StringBuilder? s_cached;", "StringBuilder? {|#1:s_cached|};"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("s_cached", "Acquire", "it is taken here (read, then set to null) from a static field every thread shares, so two threads can take the same 'StringBuilder' and use it at once; a cache per thread needs [ThreadStatic], a shared one 'Interlocked.Exchange(ref s_cached, null)'"));

    [Fact]
    public Task Thread_static_builder_cache_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Source("[System.ThreadStatic]", "s_cached = null"));

    [Fact]
    public Task Builder_taken_with_an_exchange_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Source("", "Interlocked.Exchange(ref s_cached, null)"));

    [Fact]
    public Task Builder_taken_under_a_lock_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            #nullable enable
            using System.Text;

            internal static class BuilderCache
            {
                private static readonly object Gate = new object();
                private static StringBuilder? s_cached;

                public static StringBuilder Acquire()
                {
                    lock (Gate)
                    {
                        var sb = s_cached;
                        if (sb != null) { s_cached = null; return sb; }
                    }

                    return new StringBuilder();
                }

                public static void Release(StringBuilder sb)
                {
                    lock (Gate) { s_cached = sb; }
                }
            }
            """);

    [Fact]
    public Task Static_reference_cleared_without_being_taken_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync("""
            #nullable enable
            using System.Collections.Generic;

            internal static class Registry
            {
                private static List<string>? s_names;

                public static void Reset() { s_names = null; }
                public static void Use(List<string> names) { s_names = names; }
            }
            """);

    /// <summary>An object pool's fast slot, in the one instance a static member of the pool's own type holds (set j R11).</summary>
    private const string Pool = """
        #nullable enable
        using System.Collections.Concurrent;
        using System.Text;
        using System.Threading;

        public sealed class BuilderPool
        {
            public static BuilderPool Shared { get; } = new BuilderPool();

            private readonly ConcurrentQueue<StringBuilder> _items = new();
            private StringBuilder? FAST;
            private int _queued;

            public StringBuilder Rent()
            {
                var item = _fastItem;
                if (item is not null)
                {
                    TAKE;
                    return item;
                }

                if (_items.TryDequeue(out item))
                {
                    Interlocked.Decrement(ref _queued);
                    return item;
                }

                return new StringBuilder();
            }

            public void Return(StringBuilder builder)
            {
                builder.Clear();
                if (_fastItem is null)
                {
                    _fastItem = builder;
                    return;
                }

                Interlocked.Increment(ref _queued);
                _items.Enqueue(builder);
            }
        }
        """;

    [Fact]
    public Task Fast_slot_of_the_pool_a_static_member_shares_is_taken_without_exchange()
        => VerifyMutationAsync(Pool.Replace("FAST", "{|#1:_fastItem|}").Replace("TAKE", "{|#0:_fastItem = null|}"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("_fastItem", "Rent", "it is taken here (read, then set to null) from a field of an object every caller shares ('BuilderPool.Shared' holds the one instance), so two callers can take the same 'StringBuilder' and use it at once; take it with 'Interlocked.Exchange(ref _fastItem, null)'"));

    [Fact]
    public Task Fast_slot_taken_with_an_exchange_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pool.Replace("FAST", "_fastItem").Replace("TAKE", "Interlocked.Exchange(ref _fastItem, null)"));

    [Fact]
    public Task Fast_slot_of_a_pool_no_static_member_shares_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pool.Replace("FAST", "_fastItem").Replace("TAKE", "_fastItem = null")
            .Replace("public static BuilderPool Shared { get; } = new BuilderPool();", ""));

    [Fact]
    public Task Fast_slot_taken_after_an_interlocked_gate_is_not_reported()
        => SharedStateSilence.VerifyNoRaceAsync(Pool.Replace("FAST", "_fastItem").Replace("TAKE", "_fastItem = null")
            .Replace("var item = _fastItem;", "if (Interlocked.CompareExchange(ref _queued, 0, 0) < 0) { return new StringBuilder(); }\n        var item = _fastItem;"));

    [Fact]
    public Task Fast_slot_of_a_pool_documented_as_shared_is_taken_without_exchange()
        => VerifyMutationAsync(Pool.Replace("FAST", "{|#1:_fastItem|}").Replace("TAKE", "{|#0:_fastItem = null|}")
                .Replace("public static BuilderPool Shared { get; } = new BuilderPool();", "")
                .Replace("public sealed class BuilderPool", "/// <summary>One instance is shared by every renderer in the process.</summary>\npublic sealed class BuilderPool"),
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithLocation(0).WithLocation(1)
                .WithArguments("_fastItem", "Rent", "it is taken here (read, then set to null) from a field of an object every caller shares ('BuilderPool' is documented as shared (\"shared by\")), so two callers can take the same 'StringBuilder' and use it at once; take it with 'Interlocked.Exchange(ref _fastItem, null)'"),
            // Every member of a declared type runs at once: the put-back's check-then-set is reported by the type's model.
            CSharpAnalyzerVerifier<SharedStateMutationAnalyzer>.Diagnostic(DiagnosticIds.SharedStateMutation).WithSpan(38, 13, 38, 32).WithSpan(7, 21, 7, 32)
                .WithArguments("_fastItem", "Return", "'Return' may run on several threads at once: 'BuilderPool' is documented as shared (\"shared by\")"));
}
