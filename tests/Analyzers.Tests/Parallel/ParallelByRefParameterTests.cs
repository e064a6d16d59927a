using Verify = Forklift.Analyzers.Tests.ParallelUsage.ParallelAnalyzerVerifier<Forklift.Analyzers.ParallelUsage.ParallelByRefParameterAnalyzer>;

namespace Forklift.Analyzers.Tests.ParallelUsage;

public sealed class ParallelByRefParameterTests
{
    [Fact]
    public Task ReferencesPointersAndRefStructsAreReported() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Forklift;

        public static unsafe partial class C
        {
            [Parallel]
            public static int M({|#0:ref int a|}, {|#1:out int b|}, {|#2:in int c|}, {|#3:int* d|}, {|#4:Span<byte> e|})
            {
                b = 0;
                return a;
            }

            [Parallel]
            public static {|#5:ReadOnlySpan<byte>|} N(int x) => default;
        }
        """,
        Verify.Diagnostic().WithLocation(0).WithArguments("[Parallel]", "M", "parameter 'a' is a 'ref' parameter"),
        Verify.Diagnostic().WithLocation(1).WithArguments("[Parallel]", "M", "parameter 'b' is an 'out' parameter"),
        Verify.Diagnostic().WithLocation(2).WithArguments("[Parallel]", "M", "parameter 'c' is an 'in' parameter"),
        Verify.Diagnostic().WithLocation(3).WithArguments("[Parallel]", "M", "parameter 'd' is a pointer"),
        Verify.Diagnostic().WithLocation(4).WithArguments("[Parallel]", "M", "parameter 'e' is a ref struct ('System.Span<byte>')"),
        Verify.Diagnostic().WithLocation(5).WithArguments("[Parallel]", "N", "the return type is a ref struct ('System.ReadOnlySpan<byte>')"));

    [Fact]
    public Task ValuesAreFine() => Verify.VerifyAnalyzerAsync("""
        using System;
        using Forklift;

        public static partial class C
        {
            [Parallel]
            public static byte[] M(byte[] data, ReadOnlyMemory<byte> memory, int count) => data;
        }
        """);
}
