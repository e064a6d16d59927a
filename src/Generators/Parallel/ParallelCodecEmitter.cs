using Forklift.Generators.Common;
using Forklift.Shared;

namespace Forklift.Generators.Parallel;

/// <summary>Writes the codec classes: one sealed <c>ParallelCodec&lt;T&gt;</c> with a singleton per type.</summary>
/// <remarks>
/// Wire format, on top of <c>PayloadWriter</c>: collections write a nullable count, then (dictionaries and sets) their
/// comparer, then their elements; nullable
/// values and reference-type objects write a presence byte first; objects write their members in constructor order
/// then initializer order. Scalars (numbers, strings, enums, byte[]…) inside other values are written inline rather
/// than through their codec, to save a virtual call per element.
/// </remarks>
internal static partial class ParallelEmitter
{
    private const string Writer = "ref global::Forklift.Protocol.PayloadWriter writer";
    private const string Reader = "ref global::Forklift.Protocol.PayloadReader reader";

    private static void WriteCodec(SourceWriter writer, CodecModel codec)
    {
        writer.WriteLine($$"""
            internal sealed class {{codec.Name}} : global::Forklift.Dispatch.ParallelCodec<{{codec.TypeName}}>
            {
                public static readonly {{codec.Name}} Instance = new();

            """);
        writer.Indentation++;
        if (codec.IsBlittable)
        {
            // Lets a map copy a chunk of these values as one block instead of calling Write and Read per value.
            writer.WriteLine("public override bool IsBlittable => true;");
            writer.WriteLine();
        }

        writer.OpenBlock($"public override void Write({Writer}, {codec.TypeName} value)");
        WriteBody(writer, codec);
        writer.CloseBlock();
        writer.WriteLine();
        writer.OpenBlock($"public override {codec.TypeName} Read({Reader})");
        ReadBody(writer, codec);
        writer.CloseBlock();
        WriteAccessors(writer, codec);
        writer.CloseBlock();
    }

    /// <summary>
    /// The <c>[UnsafeAccessor]</c> methods through which an object codec reaches state no constructor or setter
    /// carries: bound by name by the runtime, with no reflection, so they work under trimming and Native AOT.
    /// </summary>
    private static void WriteAccessors(SourceWriter writer, CodecModel codec)
    {
        const string Attribute = "global::System.Runtime.CompilerServices.UnsafeAccessor(global::System.Runtime.CompilerServices.UnsafeAccessorKind";
        if (codec.ConstructsThroughAccessor)
        {
            writer.WriteLine($$"""

                [{{Attribute}}.Constructor)]
                private static extern {{codec.TypeName}} CallConstructor();
                """);
        }

        foreach (FieldAccessorModel accessor in codec.Accessors)
        {
            string target = accessor.TargetIsValueType ? "ref " + accessor.TargetType : accessor.TargetType;
            writer.WriteLine($$"""

                [{{Attribute}}.Field, Name = {{Literal(accessor.FieldName)}})]
                private static extern ref {{accessor.FieldType}} {{accessor.MethodName}}({{target}} target);
                """);
        }
    }

    /// <summary>How an object codec reads or assigns one member of <paramref name="target"/>.</summary>
    private static string MemberOf(CodecModel codec, MemberModel member, string target)
        => member.Access == ParallelMemberAccess.Field
            ? $"{member.Accessor}({(codec.IsReferenceType ? string.Empty : "ref ")}{target})"
            : target + "." + member.Name;

    private static void WriteBody(SourceWriter writer, CodecModel codec)
    {
        switch (codec.Kind)
        {
            case CodecKind.Unit:
                break;
            case CodecKind.Scalar:
                writer.WriteLine(WriteValue(codec.Self!, "value"));
                break;
            case CodecKind.Array:
            case CodecKind.List:
            case CodecKind.ReadOnlyList:
                string count = codec.Kind == CodecKind.Array ? "Length" : "Count";
                writer.WriteLine($$"""
                    if (value is null)
                    {
                        writer.WriteNullableLength(null);
                        return;
                    }

                    writer.WriteNullableLength(value.{{count}});
                    for (int i = 0; i < value.{{count}}; i++)
                    {
                        {{WriteValue(codec.Elements[0], "value[i]")}}
                    }
                    """);
                break;
            case CodecKind.ImmutableArray:
                writer.WriteLine($$"""
                    if (value.IsDefault)
                    {
                        writer.WriteNullableLength(null);
                        return;
                    }

                    writer.WriteNullableLength(value.Length);
                    for (int i = 0; i < value.Length; i++)
                    {
                        {{WriteValue(codec.Elements[0], "value[i]")}}
                    }
                    """);
                break;
            case CodecKind.HashSet:
                writer.WriteLine($$"""
                    if (value is null)
                    {
                        writer.WriteNullableLength(null);
                        return;
                    }

                    writer.WriteNullableLength(value.Count);
                    writer.WriteComparer(value.Comparer);
                    foreach (var item in value)
                    {
                        {{WriteValue(codec.Elements[0], "item")}}
                    }
                    """);
                break;
            case CodecKind.Dictionary:
                writer.WriteLine($$"""
                    if (value is null)
                    {
                        writer.WriteNullableLength(null);
                        return;
                    }

                    writer.WriteNullableLength(value.Count);
                    writer.WriteComparer(value.Comparer);
                    foreach (var pair in value)
                    {
                        {{WriteValue(codec.Elements[0], "pair.Key")}}
                        {{WriteValue(codec.Elements[1], "pair.Value")}}
                    }
                    """);
                break;
            case CodecKind.Nullable:
                writer.WriteLine($$"""
                    writer.WriteBoolean(value.HasValue);
                    if (value.HasValue)
                    {
                        {{WriteValue(codec.Elements[0], "value.GetValueOrDefault()")}}
                    }
                    """);
                break;
            case CodecKind.Tuple:
                for (int i = 0; i < codec.Elements.Count; i++)
                {
                    writer.WriteLine(WriteValue(codec.Elements[i], $"value.Item{i + 1}"));
                }

                break;
            case CodecKind.Object:
                if (codec.IsReferenceType)
                {
                    writer.WriteLine("""
                        writer.WriteBoolean(value is not null);
                        if (value is null)
                        {
                            return;
                        }

                        """);
                }

                if (codec.RejectsDerivedTypes)
                {
                    writer.WriteLine($$"""
                        if (value.GetType() != typeof({{codec.TypeName}}))
                        {
                            throw new global::System.NotSupportedException($"A {value.GetType()} cannot be sent where a {typeof({{codec.TypeName}})} is declared: only the declared type's members are encoded, so the rest would be lost. Declare the derived type, or seal {typeof({{codec.TypeName}})}.");
                        }

                        """);
                }

                foreach (MemberModel member in codec.Members)
                {
                    writer.WriteLine(WriteValue(member.Value, MemberOf(codec, member, "value")));
                }

                break;
        }
    }

    private static void ReadBody(SourceWriter writer, CodecModel codec)
    {
        string newArray = codec.NewArray is null ? string.Empty : string.Format(codec.NewArray, "length");
        switch (codec.Kind)
        {
            case CodecKind.Unit:
                writer.WriteLine("return default;");
                break;
            case CodecKind.Scalar:
                writer.WriteLine($"return {ReadValue(codec.Self!)};");
                break;
            case CodecKind.Array:
            case CodecKind.ReadOnlyList:
                writer.WriteLine($$"""
                    if (reader.ReadNullableLength() is not int length)
                    {
                        return null;
                    }

                    var result = {{newArray}};
                    for (int i = 0; i < length; i++)
                    {
                        result[i] = {{ReadValue(codec.Elements[0])}};
                    }

                    return result;
                    """);
                break;
            case CodecKind.List:
            case CodecKind.HashSet:
                string comparer = codec.Kind == CodecKind.HashSet ? $", reader.ReadComparer<{codec.Elements[0].TypeName}>()" : string.Empty;
                writer.WriteLine($$"""
                    if (reader.ReadNullableLength() is not int length)
                    {
                        return null;
                    }

                    var result = new {{codec.TypeName}}(length{{comparer}});
                    for (int i = 0; i < length; i++)
                    {
                        result.Add({{ReadValue(codec.Elements[0])}});
                    }

                    return result;
                    """);
                break;
            case CodecKind.ImmutableArray:
                writer.WriteLine($$"""
                    if (reader.ReadNullableLength() is not int length)
                    {
                        return default;
                    }

                    var builder = global::System.Collections.Immutable.ImmutableArray.CreateBuilder<{{codec.Elements[0].TypeName}}>(length);
                    for (int i = 0; i < length; i++)
                    {
                        builder.Add({{ReadValue(codec.Elements[0])}});
                    }

                    return builder.MoveToImmutable();
                    """);
                break;
            case CodecKind.Dictionary:
                writer.WriteLine($$"""
                    if (reader.ReadNullableLength() is not int length)
                    {
                        return null;
                    }

                    var result = new {{codec.TypeName}}(length, reader.ReadComparer<{{codec.Elements[0].TypeName}}>());
                    for (int i = 0; i < length; i++)
                    {
                        var key = {{ReadValue(codec.Elements[0])}};
                        result[key] = {{ReadValue(codec.Elements[1])}};
                    }

                    return result;
                    """);
                break;
            case CodecKind.Nullable:
                writer.WriteLine($$"""
                    if (!reader.ReadBoolean())
                    {
                        return null;
                    }

                    return {{ReadValue(codec.Elements[0])}};
                    """);
                break;
            case CodecKind.Tuple:
                for (int i = 0; i < codec.Elements.Count; i++)
                {
                    writer.WriteLine($"var item{i + 1} = {ReadValue(codec.Elements[i])};");
                }

                writer.WriteLine("return (" + string.Join(", ", Enumerable.Range(1, codec.Elements.Count).Select(i => "item" + i)) + ");");
                break;
            case CodecKind.Object:
                if (codec.IsReferenceType)
                {
                    writer.WriteLine("""
                        if (!reader.ReadBoolean())
                        {
                            return null;
                        }

                        """);
                }

                for (int i = 0; i < codec.Members.Count; i++)
                {
                    writer.WriteLine($"var member{i} = {ReadValue(codec.Members[i].Value)};");
                }

                var constructorArguments = codec.Members.Select((m, i) => (m, i)).Where(x => x.m.Access == ParallelMemberAccess.Constructor).Select(x => "member" + x.i);
                var initializers = codec.Members.Select((m, i) => (m, i)).Where(x => x.m.Access == ParallelMemberAccess.Initializer).Select(x => $"{x.m.Name} = member{x.i}").ToList();
                var fields = codec.Members.Select((m, i) => (m, i)).Where(x => x.m.Access == ParallelMemberAccess.Field).ToList();
                string creation = codec.ConstructsThroughAccessor ? "CallConstructor()" : $"new {codec.TypeName}({string.Join(", ", constructorArguments)})";
                if (initializers.Count != 0)
                {
                    creation += $" {{ {string.Join(", ", initializers)} }}";
                }

                if (fields.Count == 0)
                {
                    writer.WriteLine($"return {creation};");
                    break;
                }

                // Fields last: whatever the constructor or a setter did to them, they end as the sender had them.
                writer.WriteLine($"var result = {creation};");
                foreach ((MemberModel member, int i) in fields)
                {
                    writer.WriteLine($"{MemberOf(codec, member, "result")} = member{i};");
                }

                writer.WriteLine("return result;");
                break;
        }
    }

    private static string WriteValue(ValueModel value, string expression)
    {
        if (value.Codec is not null)
        {
            return $"{value.Codec}.Instance.Write(ref writer, {expression});";
        }

        return value.EnumUnderlyingType is null
            ? $"writer.Write{value.Scalar}({expression});"
            : $"writer.Write{value.Scalar}(({value.EnumUnderlyingType}){expression});";
    }

    private static string ReadValue(ValueModel value)
    {
        if (value.Codec is not null)
        {
            return $"{value.Codec}.Instance.Read(ref reader)";
        }

        return value.EnumUnderlyingType is null
            ? $"reader.Read{value.Scalar}()"
            : $"({value.TypeName})reader.Read{value.Scalar}()";
    }
}
