"""gRPC clients with REST transcoding (from .proto files); entry point:
`package.render_proto_package`, which takes the IR and the front end's `ProtoArtifacts`."""
