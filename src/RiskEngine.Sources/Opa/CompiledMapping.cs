using System.Text;
using System.Text.Json;

namespace RiskEngine.Sources.Opa;

/// <summary>The fields of an event <see cref="OpaInputMapping"/> finds by path.</summary>
internal enum MappedField
{
    Subject,
    Resource,
    Action,
    Classification,
    Session,
    SourceAddress,
    Allow,
    DenyReason,
}

/// <summary>One configured path, and the slot its value is captured in.</summary>
internal sealed class CompiledPath(string text, string[] segments, int slot)
{
    public string Text { get; } = text;

    public IReadOnlyList<string> Segments { get; } = segments;

    public int Slot { get; } = slot;
}

/// <summary>
/// A property on the way to one or more configured paths: the event is read forward once, descending only
/// into the properties some path names, and each path's value is captured in its slot as it passes.
/// </summary>
internal sealed class PathNode(string name)
{
    private readonly List<PathNode> _children = [];
    private readonly List<int> _ends = [];

    public string Name { get; } = name;

    public byte[] Utf8Name { get; } = Encoding.UTF8.GetBytes(name);

    public PathNode[] Children { get; private set; } = [];

    /// <summary>The slots of the paths that end here.</summary>
    public int[] Ends { get; private set; } = [];

    public PathNode? FindChild(ref Utf8JsonReader reader)
    {
        foreach (var child in Children)
        {
            if (reader.ValueTextEquals(child.Utf8Name))
            {
                return child;
            }
        }

        return null;
    }

    internal PathNode GetOrAddChild(string name)
    {
        var child = _children.Find(c => c.Name == name);
        if (child is null)
        {
            child = new PathNode(name);
            _children.Add(child);
        }

        return child;
    }

    internal void AddEnd(int slot) => _ends.Add(slot);

    internal void Freeze()
    {
        Children = [.. _children];
        Ends = [.. _ends];
        foreach (var child in _children)
        {
            child.Freeze();
        }
    }
}

/// <summary>A validated <see cref="OpaInputMapping"/> as a tree of the paths under <c>input</c> and <c>result</c>.</summary>
internal sealed class CompiledMapping
{
    private readonly CompiledPath[][] _candidates;

    public CompiledMapping(OpaInputMapping mapping)
    {
        var input = new PathNode(OpaPath.InputRoot);
        var result = new PathNode(OpaPath.ResultRoot);
        var slot = 0;
        _candidates = new CompiledPath[Enum.GetValues<MappedField>().Length][];
        foreach (var (field, paths) in new (MappedField, IReadOnlyList<string>)[]
                 {
                     (MappedField.Subject, mapping.EffectiveSubjectPaths),
                     (MappedField.Resource, mapping.EffectiveResourcePaths),
                     (MappedField.Action, mapping.EffectiveActionPaths),
                     (MappedField.Classification, mapping.EffectiveClassificationPaths),
                     (MappedField.Session, mapping.EffectiveSessionPaths),
                     (MappedField.SourceAddress, mapping.EffectiveSourceAddressPaths),
                     (MappedField.Allow, mapping.EffectiveAllowPaths),
                     (MappedField.DenyReason, mapping.EffectiveDenyReasonPaths),
                 })
        {
            var compiled = new CompiledPath[paths.Count];
            for (var i = 0; i < paths.Count; i++)
            {
                var segments = paths[i].Split('.');
                var node = segments[0] == OpaPath.InputRoot ? input : result;
                foreach (var segment in segments.AsSpan(1))
                {
                    node = node.GetOrAddChild(segment);
                }

                node.AddEnd(slot);
                compiled[i] = new CompiledPath(paths[i], segments, slot++);
            }

            _candidates[(int)field] = compiled;
        }

        input.Freeze();
        result.Freeze();
        Input = input;
        Result = result;
        SlotCount = slot;
    }

    public PathNode Input { get; }

    public PathNode Result { get; }

    public int SlotCount { get; }

    public CompiledPath[] Candidates(MappedField field) => _candidates[(int)field];

    public string Describe(MappedField field) => string.Join(", ", Candidates(field).Select(c => c.Text));
}
