from django.urls import path

from . import api, correction_api, printout_api, session_documents_api, session_file_api

app_name = "meetings-api"
urlpatterns = [
    path("meetings/", api.MeetingListApi.as_view(), name="meetings"),
    path("meetings/<id:pk>/", api.MeetingDetailApi.as_view(), name="meeting"),
    path("meetings/<id:pk>/cancel/", api.MeetingCancelApi.as_view(), name="meeting_cancel"),
    path("meetings/<id:pk>/agenda/", api.AgendaApi.as_view(), name="agenda"),
    path("meetings/<id:pk>/agenda/<id:item_pk>/", api.AgendaItemApi.as_view(), name="agenda_item"),
    path("meetings/<id:pk>/attendance/", api.AttendanceApi.as_view(), name="attendance"),
    path("meetings/<id:pk>/agenda/<id:item_pk>/decision/", api.ItemDecisionApi.as_view(), name="item_decision"),
    path("meetings/<id:pk>/agenda/<id:item_pk>/decision/correction/", correction_api.ItemDecisionCorrectionApi.as_view(),
         name="item_decision_correction"),
    path("meetings/<id:pk>/agenda/<id:item_pk>/session-documents/",
         session_documents_api.SessionDocumentsApi.as_view(), name="agenda_item_session_documents"),
    path("meetings/<id:pk>/invitations/", api.InvitationApi.as_view(), name="invitations"),
    path("meetings/<id:pk>/minutes.<str:fmt>", api.MinutesApi.as_view(), name="minutes"),
    path("meetings/<id:pk>/agenda.pdf", printout_api.AgendaPdfApi.as_view(), name="agenda_pdf"),
    path("meetings/<id:pk>/invitation.pdf", printout_api.InvitationPdfApi.as_view(), name="invitation_pdf"),
    path("meetings/<id:pk>/minutes/approve/", api.MinutesApproveApi.as_view(), name="minutes_approve"),
    path("meetings/<id:pk>/session-file/", session_file_api.SessionFileApi.as_view(), name="session_file"),
    path("meetings/<id:pk>/session-file/pdf/", session_file_api.SessionFilePdfApi.as_view(), name="session_file_pdf"),
    path("meetings/<id:pk>/session-file/<id:user_pk>/", session_file_api.SessionFileForApi.as_view(),
         name="session_file_for"),
    path("meetings/<id:pk>/session-file/<id:user_pk>/pdf/", session_file_api.SessionFilePdfForApi.as_view(),
         name="session_file_for_pdf"),
    path("commission/", api.CommissionApi.as_view(), name="commission"),
    path("commission/memberships/", api.MembershipApi.as_view(), name="memberships"),
    path("commission/prescreen/", api.PrescreenApi.as_view(), name="prescreen"),
]
