"""Run inside a venv holding `ai_studio`, `yandexcloud` and `yandex-ai-studio-sdk` (`make compat`).

One process, one protobuf: a gRPC server built from yandexcloud's stubs answers both
yandexcloud's own stub and our `AIStudio` client; the official SDK builds a configured model
with its messages. Prints one line; exits non-zero on any mismatch.
"""

from __future__ import annotations

from concurrent import futures

import grpc

# Ours first, then theirs: both register the same .proto files in protobuf's default pool.
from ai_studio import AIStudio
from ai_studio.native.foundation_models import TokenizeResponse as OurTokenizeResponse
from google.protobuf import __version__ as protobuf_version
from yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2 as theirs,
)
from yandex.cloud.ai.foundation_models.v1.text_generation import (
    text_generation_service_pb2_grpc as theirs_grpc,
)
from yandex_ai_studio_sdk import AIStudio as OfficialSDK
from yandex_ai_studio_sdk.auth import APIKeyAuth


class Tokenizer(theirs_grpc.TokenizerServiceServicer):  # type: ignore[misc]
    def Tokenize(self, request: theirs.TokenizeRequest, context: grpc.ServicerContext) -> theirs.TokenizeResponse:
        auth = dict(context.invocation_metadata()).get("authorization")
        return theirs.TokenizeResponse(model_version=f"{request.text}|{auth}")


def main() -> None:
    server = grpc.server(futures.ThreadPoolExecutor(max_workers=2))
    theirs_grpc.add_TokenizerServiceServicer_to_server(Tokenizer(), server)
    port = server.add_insecure_port("127.0.0.1:0")
    server.start()
    try:
        with grpc.insecure_channel(f"127.0.0.1:{port}") as channel:
            answer = theirs_grpc.TokenizerServiceStub(channel).Tokenize(
                theirs.TokenizeRequest(model_uri="gpt://b1g/yandexgpt", text="theirs")
            )
        assert answer.model_version == "theirs|None", answer
        with AIStudio(api_key="k-1", native_endpoint=f"127.0.0.1:{port}", insecure=True) as studio:
            ours = studio.native.foundation_models.tokenizer.tokenize(
                model_uri="gpt://b1g/yandexgpt", text="ours"
            )
        assert isinstance(ours, OurTokenizeResponse) and ours.model_version == "ours|Api-Key k-1"
    finally:
        server.stop(None)
    sdk = OfficialSDK(folder_id="b1g", auth=APIKeyAuth("k-2"))
    model = sdk.models.completions("yandexgpt").configure(temperature=0.3, max_tokens=10)
    assert model.uri == "gpt://b1g/yandexgpt/latest", model.uri
    print(f"ai_studio, yandexcloud and yandex-ai-studio-sdk in one process on protobuf {protobuf_version}: ok")


if __name__ == "__main__":
    main()
